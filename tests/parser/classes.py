class A: pass
class B(): pass
class C(A): pass
class D(A, B, metaclass=Meta): pass
class E(*bases, **kwds): pass
class F(A, x=1, *rest, y=2):
    """Docstring."""
    attr = 1

    def method(self):
        return self.attr

    class Inner:
        pass
