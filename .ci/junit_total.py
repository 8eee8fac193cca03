"""Add up pytest's JUnit files into one closing line: N passed, N failed, N skipped."""

import sys
import xml.etree.ElementTree as ET


def totals(paths: list[str]) -> tuple[int, int, int]:
    passed = failed = skipped = 0
    for path in paths:
        root = ET.parse(path).getroot()
        suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
        for suite in suites:
            tests = int(suite.get("tests", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            left_out = int(suite.get("skipped", 0))
            passed += tests - bad - left_out
            failed += bad
            skipped += left_out
    return passed, failed, skipped


if __name__ == "__main__":
    passed, failed, skipped = totals(sys.argv[1:])
    print(f"Tester: {passed} passed, {failed} failed, {skipped} skipped")
    sys.exit(1 if failed or not passed else 0)
