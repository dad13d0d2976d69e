import typing

import azure.functions as func

from __app__.shared import greeting


async def nightly(timer: func.TimerRequest, out: func.Out[typing.List[str]]) -> None:
    out.set([greeting("night")])
