"""Mojibake repair, which every page gets before its reader (tests/test_reading_*.py)."""
from pubexport.repair import fix_mojibake


def test_mojibake_of_utf8_read_as_cp1252_is_undone():
    assert fix_mojibake("Bachelorâ€™s Degree") == "Bachelor’s Degree"
    assert fix_mojibake("# ðŸ”¥ News") == "# 🔥 News"


def test_mojibake_with_lost_bytes_keeps_what_it_can_and_does_not_raise():
    broken = "CN1 [ã€Šä¸€ç§åŸºäºè‡ªé€‚åº”ã€‹](u)"
    fixed = fix_mojibake(broken)
    assert fixed.startswith("CN1 [《") and fixed.endswith("》](u)")
