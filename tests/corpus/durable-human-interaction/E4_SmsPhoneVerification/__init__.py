from datetime import timedelta

import azure.durable_functions as df

MAX_ATTEMPTS = 3
TIMEOUT_SECONDS = 180


def is_valid_phone_number(phone_number: str) -> bool:
    return bool(phone_number) and phone_number[0] == "+" and phone_number[1:].isdigit()


def orchestrator_function(context: df.DurableOrchestrationContext):
    phone_number = context.get_input()

    if not is_valid_phone_number(phone_number):
        raise ValueError(
            "Provide a phone number starting with '+' and the country code, e.g. '+15550100000'.")

    challenge_code = yield context.call_activity("SendSmsChallenge", phone_number)

    expiration = context.current_utc_datetime + timedelta(seconds=TIMEOUT_SECONDS)
    timeout_task = context.create_timer(expiration)

    authorized = False
    for _ in range(MAX_ATTEMPTS):
        response_task = context.wait_for_external_event("SmsChallengeResponse")
        winner = yield context.task_any([response_task, timeout_task])

        if winner != response_task:
            break  # timed out
        if response_task.result == challenge_code:
            authorized = True
            break

    if not timeout_task.is_completed:
        # Pending timers must be completed or cancelled before the orchestration ends.
        timeout_task.cancel()

    return authorized


main = df.Orchestrator.create(orchestrator_function)
