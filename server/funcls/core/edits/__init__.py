"""The text edits the fixes and completions are made of, as plain `TextEdit`s.

`json_edits` is the one set of edits on JSON files (insert, remove and rename properties, add and
remove bindings, the "Change to '...'" fix); `script_edits` edits the script (parameters,
annotations, imports) in the script's own spelling. Nothing here decides what is wrong.
"""
