if a:
    if b:
        if c:
            pass
        else:
            pass
    x = 1
y = 2
if a:
  two
  spaces
if b:
	tab
	indent
if c:
        eight
        spaces
if d:
    # comment at different indentation
        # more
    body
    
    body_after_blank_with_spaces
def f():
    pass
# comment at column 0 in the middle

    # indented comment
class C:

    def m(self):

        pass

    x = 1
