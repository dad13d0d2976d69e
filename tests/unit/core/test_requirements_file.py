"""requirements.txt read the way pip reads it: kinds, distributions, includes and positions."""

from __future__ import annotations

from funcls.core.requirements_file import parse, requirement_lines

TEXT = (
    "# deps\n"
    "-r base.txt\n"
    "--index-url https://pypi.example/simple\n"
    "-e git+https://example.com/org/mylib.git#egg=mylib\n"
    "./wheels/foo_bar-1.0-py3-none-any.whl\n"
    "PyYAML @ https://example.com/archive/main.tar.gz\n"
    "requests>=2 \\\n"
    "    --hash=sha256:abc\n"
    "pywin32; sys_platform == 'win32'  # Windows only\n"
    "not a requirement\n"
)


def test_each_line_has_its_kind_and_distribution() -> None:
    found = [(line.kind, line.distribution, line.include) for line in parse(TEXT)]
    assert found == [
        ("option", None, "base.txt"),
        ("option", None, None),
        ("option", "mylib", None),
        ("location", "foo-bar", None),
        ("location", "PyYAML", None),
        ("requirement", "requests", None),
        ("requirement", "pywin32", None),
        ("requirement", None, None),
    ]


def test_requirement_lines_are_parsed_with_packaging_and_placed_exactly() -> None:
    lines = requirement_lines(TEXT)
    assert [line.text for line in lines] == [
        "requests>=2",
        "pywin32; sys_platform == 'win32'",
        "not a requirement",
    ]
    requests, pywin32, bad = lines
    assert requests.number == 6 and pywin32.number == 8
    assert TEXT[pywin32.start : pywin32.end] == "pywin32; sys_platform == 'win32'"
    assert pywin32.requirement is not None and str(pywin32.requirement.marker)
    assert bad.requirement is None and bad.error
    assert TEXT[bad.line_end :] == ""


def test_includes_take_the_equals_spelling_too() -> None:
    (line,) = parse("--requirement=more.txt\n")
    assert line.include == "more.txt"
