"""What the runtime knows, read from its data and the installed library, never from user code.

`binding_types` answers from the function.json schema's binding definitions, `bundle_catalog`
from the extension bundles' lists, `bundles` says which bundle an app declares and what it
provides, `extensions_project` reads the packages an app's extensions.csproj installs instead,
`converters` asks the installed azure-functions library which annotations each binding accepts,
and `worker_types` which binding types the worker's converters judge. Checks and features build
on these facts; nothing here reports a problem.
"""
