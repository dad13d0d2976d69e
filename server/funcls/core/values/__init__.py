"""Parsers and validators for the string values that carry Functions meaning.

Each module does one job and returns plain frozen dataclasses. Every issue carries `start`/`end`
code-point offsets relative to the string value itself; the caller adds the offset of the JSON
string's content. Nothing here raises on bad input.

* `expressions`: `%Setting%` references and `{token}` binding expressions.
* `ncrontab`: timer schedules (six-field NCRONTAB, TimeSpan, `%Setting%`).
* `timespan`: .NET TimeSpan strings (`functionTimeout`, retry intervals, timer intervals).
* `routes`: ASP.NET Core route templates of HTTP triggers.
* `version_range`: NuGet version ranges and package ids (`extensionBundle`).
* `naming`: storage, Event Hubs and Service Bus entity naming rules.
"""
