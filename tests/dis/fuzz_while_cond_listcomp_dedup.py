# a while condition is compiled twice (top and bottom of the loop); its listcomp code objects share one constant
while [i for i in a]:
    pass
