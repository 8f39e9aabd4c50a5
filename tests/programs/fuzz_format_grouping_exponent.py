# Grouping (',' or '_') with an E/e format of precision 0 and a width: there are no integer digits to group.
x = -1895.3
print(f"{x:10_.0E}|{x:_.0e}|{1e15:,.0E}|{12345.678:_.2E}")

# expect:     -2E+03|-2e+03|1E+15|1.23E+04
