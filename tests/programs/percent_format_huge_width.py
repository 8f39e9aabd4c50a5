# A width or precision past 2**63 in %-formatting is a ValueError ("width too big"), not a crash.
for f in ["%99999999999999999999d", "%.99999999999999999999d", "%99999999999999999999s", "%99999999999999999999f"]:
    try:
        print(f % 1)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
