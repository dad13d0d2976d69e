"""The Python side of funcls: what the worker checks when it loads an entry point, read statically.

`converters` asks the installed `azure-functions` library which annotations each binding accepts;
`annotations` resolves annotation expressions (ast first, jedi when ast cannot tell) without ever
importing the user's code; `worker_rules` applies the worker's load-time rules to one function;
`imports` and `envvars` look at the imports and the environment variables a script reads;
`environment` picks the interpreter and the jedi project that analyse an app.
"""
