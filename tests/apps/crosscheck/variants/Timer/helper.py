def tick(late: bool) -> None:
    print("late" if late else "on time")
