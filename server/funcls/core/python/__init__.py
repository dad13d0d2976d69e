"""Python analysis, read statically: never importing or running the user's code.

`annotations` resolves annotation expressions (ast first, jedi when ast cannot tell) and
`resolver` builds one resolver per script text; `imports` finds the import sites of a script and
reads requirements.txt; `import_graph` follows the app's own imports; `envvars` finds the
environment variables a script reads; `scopes` the uses of a name; `callability` whether a
top-level name is callable; `binding_choices` the binding types an annotated parameter may take;
`environment` picks the interpreter and the jedi project that analyse an app. What the library's
converters accept is knowledge (`knowledge/converters.py`); the rules built on all this live in
`checks/`.
"""
