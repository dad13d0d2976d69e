"""Python analysis, read statically: never importing or running the user's code.

`converters` asks the installed `azure-functions` library which annotations each binding accepts
and `worker_types` which binding types it judges; `annotations` resolves annotation expressions
(ast first, jedi when ast cannot tell) and `resolver` builds one resolver per script text;
`imports` finds the import sites of a script and reads requirements.txt; `import_graph` follows
the app's own imports; `envvars` finds the environment variables a script reads; `scopes` the
uses of a name; `environment` picks the interpreter and the jedi project that analyse an app. The rules built on them live in `checks/`.
"""
