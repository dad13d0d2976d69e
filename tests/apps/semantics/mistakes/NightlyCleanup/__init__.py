import azure.functions as func


def main(timer: func.TimerRequest, report: func.Out[str]) -> None:
    report.set("done")
