x = [
    1,
    2,
]
y = (1 +
     2)
z = {
    'a': 1,  # comment
    # another
    'b': 2,
}
total = a + \
        b + \
        c
if a and \
   b:
    pass
def f(
    a,
    b,
):
    return (
        a
        + b
    )
s = """
text
"""
call(
    x
)(
    y
)


# trailing comments

