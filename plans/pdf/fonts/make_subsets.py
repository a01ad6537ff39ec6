"""Cuts the PDF's fonts down to the characters a plan needs (run by hand, not imported).

    .venv/bin/python plans/pdf/fonts/make_subsets.py SOURCE_DIR

SOURCE_DIR holds the originals, unchanged from their packages (see LICENSE.md):
DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian ``fonts-dejavu-core``),
NotoSansArabic-*.ttf and NotoSansEthiopic-*.ttf (Debian ``fonts-noto-core``),
NotoEmoji_400Regular.ttf (npm ``@expo-google-fonts/noto-emoji``, Noto Emoji).

Why subsets: fpdf2 reads every font it is given in full for each document, so
a smaller file is a faster PDF. Hinting is dropped (a PDF is printed or zoomed,
never rasterised at screen sizes); the layout tables that Arabic and Ge'ez need
for joining and marks are kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).parent

Ranges = list[tuple[int, int]]

MAIN: Ranges = [
    (0x0020, 0x024F),  # Basic Latin to Latin Extended-B (Somali, Turkish, Polish, Vietnamese base)
    (0x02B0, 0x02FF),  # spacing modifiers (ʼ in Somali and Tigrinya names written in Latin)
    (0x0300, 0x036F),  # combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic
    (0x0590, 0x05FF),  # Hebrew
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # punctuation, direction marks and isolates
    (0x2070, 0x209F),  # super- and subscripts
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x218F),  # letterlike symbols, number forms
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2248, 0x2265),  # ≈ ≠ ≤ ≥
    (0x25A0, 0x25FF),  # geometric shapes: the status marks ○ ◐ and the missing-glyph box
    (0x2700, 0x27BF),  # dingbats: ✓ ✕
    (0xFB00, 0xFB4F),  # ligatures, Hebrew presentation forms
    (0xFFFC, 0xFFFD),
]
ARABIC: Ranges = [
    (0x0600, 0x06FF),  # Arabic, Persian, Urdu, Pashto
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x200C, 0x200F),  # joiners and direction marks the shaper must see
    (0x0020, 0x0020),
]
ETHIOPIC: Ranges = [
    (0x1200, 0x139F),  # Ge'ez: Tigrinya, Amharic, Tigre
    (0x2D80, 0x2DDF),
    (0xAB00, 0xAB2F),
    (0x0020, 0x0020),
]
EMOJI: Ranges = [
    (0x00A9, 0x00AE),
    (0x203C, 0x2049),
    (0x2122, 0x2139),
    (0x2194, 0x21AA),
    (0x231A, 0x23FF),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25FE),
    (0x2600, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B55),
    (0x3030, 0x303D),
    (0x3297, 0x3299),
    (0x1F000, 0x1FAFF),
    (0x0020, 0x0020),
]

FONTS: dict[str, tuple[str, Ranges, bool]] = {
    # output name: (source file, ranges, keep the shaping tables)
    "DejaVuSans.ttf": ("DejaVuSans.ttf", MAIN, True),
    "DejaVuSans-Bold.ttf": ("DejaVuSans-Bold.ttf", MAIN, True),
    "NotoSansArabic-Regular.ttf": ("NotoSansArabic-Regular.ttf", ARABIC, True),
    "NotoSansArabic-Bold.ttf": ("NotoSansArabic-Bold.ttf", ARABIC, True),
    "NotoSansEthiopic-Regular.ttf": ("NotoSansEthiopic-Regular.ttf", ETHIOPIC, True),
    "NotoSansEthiopic-Bold.ttf": ("NotoSansEthiopic-Bold.ttf", ETHIOPIC, True),
    # Emoji are set one by one, never shaped into sequences, so no layout tables.
    "NotoEmoji-Regular.ttf": ("NotoEmoji_400Regular.ttf", EMOJI, False),
}


def make(source: Path, target: Path, ranges: Ranges, layout: bool) -> None:
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"] if layout else []
    if not layout:
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "STAT"]
    font = subset.load_font(str(source), options)
    unicodes = [code for start, end in ranges for code in range(start, end + 1)]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    if layout:
        _add_isolates(font)
    subset.save_font(font, str(target), options)


def _add_isolates(font: TTFont) -> None:
    """Maps the bidi isolates (U+2066-2069), which DejaVu 2.37 and Noto lack, to the
    invisible glyph of the left-to-right mark, so an isolated name draws nothing
    extra and is never a missing glyph."""
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        invisible = table.cmap.get(0x200E) or table.cmap.get(0x200B)
        if invisible is None:
            continue
        for code in range(0x2066, 0x206A):
            table.cmap.setdefault(code, invisible)


def main() -> None:
    source_dir = Path(sys.argv[1])
    for name, (source, ranges, layout) in FONTS.items():
        make(source_dir / source, HERE / name, ranges, layout)
        print(f"{name}: {(HERE / name).stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
