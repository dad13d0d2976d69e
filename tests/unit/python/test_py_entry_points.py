"""Entry points other than a plain def, seen as the worker sees them (`inspect.signature` and
`typing.get_type_hints` of the object), and modules the compiler refuses after parsing."""

from __future__ import annotations

from collections.abc import Callable

from funcls.core.problems import Severity

from .conftest import HTTP_IN, HTTP_RETURN, App, by_code

IMPORT = "import azure.functions as func\n\n\n"
Build = Callable[..., App]


def codes(app: App) -> list[str]:
    return app.codes("Fn/__init__.py")


# -- classes: __init__ without self, class-level annotations --------------------------------------
def test_class_entry_point_loads_when_init_matches(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], IMPORT + "class main:\n    def __init__(self, req):\n        pass\n")
    assert codes(app) == []


def test_class_entry_point_parameters_are_init_without_self(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN], IMPORT + "class main:\n    def __init__(self, request):\n        pass\n"
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC210" and app.at(problem) == "request"


def test_class_without_init_takes_no_parameter(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], IMPORT + "class main:\n    pass\n")
    assert by_code(app.problems("Fn/function.json"), "FUNC211")


def test_class_init_annotations_are_not_read_by_the_worker(fn_app: Build) -> None:
    # get_type_hints(cls) returns the class-level annotations, not those of __init__
    app = fn_app(
        [HTTP_IN],
        IMPORT + "class main:\n    def __init__(self, req: func.QueueMessage):\n        pass\n",
    )
    assert codes(app) == []


def test_class_level_annotation_is_checked_against_the_binding(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN],
        IMPORT + "class main:\n    req: func.QueueMessage\n\n"
        "    def __init__(self, req):\n        pass\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC217" and app.at(problem) == "func.QueueMessage"


def test_class_level_annotation_of_no_parameter_must_evaluate(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN],
        IMPORT
        + "class main:\n    label: 'Missing'\n\n    def __init__(self, req):\n        pass\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC224" and app.at(problem) == "'Missing'"


def test_init_annotation_that_fails_at_import_is_reported(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN],
        IMPORT + "class main:\n    def __init__(self, req: func.NoSuch):\n        pass\n",
    )
    assert codes(app) == ["FUNC224"]


def test_class_with_a_base_is_not_guessed(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], IMPORT + "class Base:\n    pass\n\n\nclass main(Base):\n    pass\n")
    assert codes(app) == []
    assert app.problems("Fn/function.json") == []


# -- instances: __call__ without self; get_type_hints needs class-level annotations --------------
def test_instance_without_class_annotations_fails_get_type_hints(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN],
        IMPORT
        + "class Handler:\n    def __call__(self, req):\n        pass\n\n\nmain = Handler()\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC224" and problem.severity == Severity.ERROR
    assert "is not a module, class, method, or function" in problem.message
    assert app.at(problem) == "main"


def test_instance_with_class_annotations_uses_call_parameters(fn_app: Build) -> None:
    script = (
        IMPORT + "class Handler:\n    req: func.HttpRequest\n\n"
        "    def __call__(self, req):\n        pass\n\n\nmain = Handler()\n"
    )
    assert codes(fn_app([HTTP_IN], script)) == []
    wrong = script.replace("__call__(self, req)", "__call__(self, request)")
    assert codes(fn_app([HTTP_IN], wrong)) == ["FUNC210"]


def test_instance_string_annotations_are_evaluated_without_globals(fn_app: Build) -> None:
    app = fn_app(
        [HTTP_IN],
        IMPORT + "class Handler:\n    req: 'func.HttpRequest'\n\n"
        "    def __call__(self, req):\n        pass\n\n\nmain = Handler()\n",
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC224" and "name 'func' is not defined" in problem.message


def test_instance_without_call_is_not_callable(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], IMPORT + "class Handler:\n    pass\n\n\nmain = Handler()\n")
    assert codes(app) == ["FUNC205"]


# -- lambdas and decorators --------------------------------------------------------------------
def test_lambda_entry_point_names_are_checked(fn_app: Build) -> None:
    assert codes(fn_app([HTTP_IN], "main = lambda req: None\n")) == []
    assert codes(fn_app([HTTP_IN], "main = lambda request: None\n")) == ["FUNC210"]


DECORATOR = (
    "def logged(f):\n{wraps}    def inner(*args, **kwargs):\n"
    "        return f(*args, **kwargs)\n\n    return inner\n\n\n"
)


def test_local_decorator_without_wraps_exposes_its_inner_signature(fn_app: Build) -> None:
    script = (
        "import functools\n\n" + DECORATOR.format(wraps="") + "@logged\ndef main(req):\n    pass\n"
    )
    app = fn_app([HTTP_IN], script)
    assert codes(app) == ["FUNC210", "FUNC210"]  # args and kwargs


def test_local_decorator_with_wraps_keeps_the_signature(fn_app: Build) -> None:
    script = (
        "import functools\n\n"
        + DECORATOR.format(wraps="    @functools.wraps(f)\n")
        + "@logged\ndef main(req):\n    pass\n"
    )
    assert codes(fn_app([HTTP_IN], script)) == []


def test_imported_decorator_is_not_guessed(fn_app: Build) -> None:
    script = "import functools\n\n\n@functools.lru_cache\ndef main(request):\n    pass\n"
    assert codes(fn_app([HTTP_IN], script)) == []


# -- return annotation and compile errors ------------------------------------------------------
def test_return_annotation_is_evaluated_without_return_binding(fn_app: Build) -> None:
    app = fn_app([HTTP_IN], "def main(req) -> 'Missing':\n    pass\n")
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC224" and app.at(problem) == "'Missing'"


def test_compiler_errors_after_parsing_are_syntax_errors(fn_app: Build) -> None:
    for tail, message in (
        ("def helper(a, a):\n    pass\n", "duplicate argument 'a'"),
        ("return 1\n", "'return' outside function"),
        ("await helper\n", "'await' outside function"),
        ("nonlocal x\n", "nonlocal declaration not allowed at module level"),
    ):
        app = fn_app([HTTP_IN, HTTP_RETURN], "def main(req):\n    pass\n\n\n" + tail)
        (problem,) = by_code(app.problems("Fn/function.json"), "FUNC204")
        assert message in problem.message
        assert problem.related[0].location.path == app.path("Fn/__init__.py")


def test_none_or_none_fails_when_evaluated(fn_app: Build) -> None:
    # Python evaluates `None | None` itself: TypeError, the module does not import
    app = fn_app(
        [HTTP_IN], "import typing\n\n\ndef main(req) -> typing.List[None | None]:\n    pass\n"
    )
    (problem,) = app.problems("Fn/__init__.py")
    assert problem.code == "FUNC224" and "NoneType" in problem.message
