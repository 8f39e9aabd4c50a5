# format() over a pseudo-random matrix of specs ([[fill]align][sign][z][#][0][width][grouping][.precision][type]) and int, bool, float and str values, errors included, as CPython 3.11's formatter writes them.
FILLS = ['', '', '', '*', '0', '€', 'x']
ALIGNS = ['', '', '<', '>', '^', '=']
SIGNS = ['', '', '+', '-', ' ']
ZS = ['', '', '', '', '', 'z']
ALTS = ['', '', '#']
ZEROS = ['', '', '0']
WIDTHS = ['', '', '1', '6', '9', '13']
GROUPS = ['', '', ',', '_']
PRECS = ['', '', '.0', '.1', '.3', '.6', '.17']
TYPES = ['', '', 'd', 'b', 'o', 'x', 'X', 'c', 'e', 'E', 'f', 'F', 'g', 'G', '%', 'n', 's']
INTS = [0, 1, -1, 5, -42, 255, 1234, -98765, 10**20, -(2**70), 65, 0x10FFFF, True, False]
FLOATS = [0.0, -0.0, 1.5, -2.5, 0.5, 3.14159, 1e16, 1e300, -1e-7, 123456.789, 1e-4, 9.9999,
          0.00012345, float('inf'), -float('inf'), float('nan'), 2.675, 5e-324, -0.0001,
          999.9999, 1e15, 1e22, 0.05]
STRS = ['ab', '', 'héllo', 'x' * 11]
ANY = INTS + FLOATS + STRS
# Mostly values the type suits, sometimes any value (for the errors).
POOLS = {'': ANY, 's': STRS + STRS + ANY, 'c': [0, 65, 233, 8364, 128512, -1, 0x110000, 2**70, 1.5]}
state = 424242


def pick(xs):
    global state
    state = (state * 1103515245 + 12345) % 2147483648
    return xs[(state >> 8) % len(xs)]


def show(v, spec):
    try:
        return repr(format(v, spec))
    except (ValueError, TypeError, OverflowError) as e:
        return type(e).__name__ + ': ' + str(e)


for line in range(280):
    fill = pick(FILLS)
    align = pick(ALIGNS)
    if fill and not align:
        align = '<'
    spec = fill + align + pick(SIGNS) + pick(ZS) + pick(ALTS) + pick(ZEROS) + pick(WIDTHS)
    t = pick(TYPES)
    # Mostly the grouping and precision the type allows.
    groups = GROUPS if t in 'dfFeEgG%' else ['', '', '_', ','] if t in 'bxXo' else ['', '', '', '', ',']
    precs = PRECS if t in 'eEfFgG%s' else ['', '', '', '', '', '.2']
    spec = spec + pick(groups) + pick(precs) + t
    pool = POOLS.get(t, INTS + FLOATS + FLOATS if t in 'eEfFgG%n' else INTS + INTS + ANY)
    print(repr(spec), ' | '.join([show(pick(pool), spec) for k in range(6)]))

# expect: '<+1,.17f' '+nan' | '+1,114,111.00000000000000000' | '-0.00000000000000000' | '+100,000,000,000,000,000,000.00000000000000000' | '+10,000,000,000,000,000.00000000000000000' | '+123,456.78900000000430737'
# expect: '*<-013' '123456.789***' | '0.05*********' | '0************' | '100000000000000000000' | '65***********' | '-0.0*********'
# expect: '€<+z013.3s' ValueError: Sign not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Sign not allowed in string format specifier | ValueError: Sign not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'int' | ValueError: Sign not allowed in string format specifier
# expect: '=-#.17' '-0.00010000000000000000' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | '3.1415899999999999' | '0.00012344999999999999' | ValueError: Precision not allowed in integer format specifier
# expect: 'x^-1.3s' ValueError: Unknown format code 's' for object of type 'int' | ValueError: Sign not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'int' | ValueError: Unknown format code 's' for object of type 'bool' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'int'
# expect: 'x<+0.2o' ValueError: Unknown format code 'o' for object of type 'str' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Precision not allowed in integer format specifier
# expect: '€=#6,%' '314.159000%' | '-0.000000%' | '999.990000%' | '999.990000%' | '12,345,678.900000%' | '-250.000000%'
# expect: '*^-#1.2d' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'str' | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Precision not allowed in integer format specifier
# expect: '*<+0_x' '-1' | '-2a' | '+0' | ValueError: Unknown format code 'x' for object of type 'str' | '+1' | '+0'
# expect: '<#1x' '0x10ffff' | '0x1' | '-0x2a' | ValueError: Unknown format code 'x' for object of type 'float' | '0x1' | ValueError: Unknown format code 'x' for object of type 'float'
# expect: '=+13,.6E' '+1.234568E+05' | '+1.234568E+05' | '+0.000000E+00' | '+2.675000E+00' | '+0.000000E+00' | '-9.876500E+04'
# expect: '-#6.17G' '   INF' | '1.0000000000000001E+300' | '   INF' | '0.00010000000000000000' | '0.0000000000000000' | '   NAN'
# expect: '^-01,.1' ValueError: Precision not allowed in integer format specifier | 'nan' | '0.0001' | ValueError: Precision not allowed in integer format specifier | ValueError: Cannot specify ',' with 's'. | '1e+15'
# expect: '>+z1.1e' '+1.0e+15' | '-1.0e-07' | '+0.0e+00' | '-1.0e-07' | '+3.1e+00' | '-1.0e-04'
# expect: '€^-#_b' '0b1111_1111' | '0b100_0001' | '0b1' | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Unknown format code 'b' for object of type 'float'
# expect: '*=+#13G' '+*****9.99990' | '-*****98765.0' | '-*1.18059E+21' | '+*********NAN' | '+*1.00000E+20' | '+*****1.50000'
# expect: '€>-0d' '0' | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Unknown format code 'd' for object of type 'float' | '100000000000000000000' | '1234' | '1234'
# expect: '0< 01_.6G' ' 0.0001' | ' 0.00012345' | ' 0.0001' | '-1.18059E+21' | ' 9.9999' | ' 123_457'
# expect: '€>-#1.3E' '-0.000E+00' | '5.000E+00' | '5.000E-02' | '1.000E+00' | '1.235E+05' | 'NAN'
# expect: 'x<-6_.0' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | 'nanxxx' | '3e+00x' | '0.0001' | '1e+300'
# expect: '#013.3%' '999999999999999983222784.000%' | '00000000.012%' | '000000000inf%' | '000000000nan%' | '1000000000000000000.000%' | '00000000.010%'
# expect: '€^9c' OverflowError: %c arg not in range(0x110000) | OverflowError: %c arg not in range(0x110000) | '€€€€😀€€€€' | OverflowError: %c arg not in range(0x110000) | OverflowError: Python int too large to convert to C long | '€€€€A€€€€'
# expect: 'x<-9.2X' ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'X' for object of type 'str' | ValueError: Precision not allowed in integer format specifier
# expect: '=#0,o' ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'.
# expect: '*^-6c' ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c'
# expect: '>+z#13_d' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier
# expect: '^#9n' ' 0.00000 ' | ' 0.00000 ' | ' 1000.00 ' | ' 2.67500 ' | '-0.00000 ' | '-1.00000e-07'
# expect: '*<z9,b' ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'.
# expect: '€>X' '-1' | ValueError: Unknown format code 'X' for object of type 'float' | '-400000000000000000' | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'str' | ValueError: Unknown format code 'X' for object of type 'str'
# expect: '13_.1E' '      2.6E+02' | '      1.0E+03' | '         -INF' | '      5.0E-02' | '     4.9E-324' | '      1.0E+22'
# expect: '*>09o' ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float' | '**-300715' | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float'
# expect: ' z#9,.2b' ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'.
# expect: 'x^+9c' ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Unknown format code 'c' for object of type 'float' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c'
# expect: 'x=z_o' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier
# expect: 'x<06.17g' '1e+22x' | '4.9406564584124654e-324' | '10000000000000000' | '0.0001' | '4.9406564584124654e-324' | '1.0000000000000001e+300'
# expect: 'x=,' '-1e-07' | '65' | '0.0001' | '3.14159' | '0.0001' | '1,114,111'
# expect: 'x<+0.6' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | '+1.5' | '-1e-07' | '+1.23457e+05'
# expect: 'x=-#0,.6e' '-2.500000e+00' | '4.940656e-324' | '-1.000000e-07' | 'nan' | '-1.000000e-07' | '-2.500000e+00'
# expect: '€>-#6' '100000000000000000000' | '€€€1.5' | '€€-2.5' | '100000000000000000000' | '€€-2.5' | '€€€€€0'
# expect: '€<1,.17' '0.050000000000000003' | '0.0' | '1.0000000000000001e+300' | '123,456.789' | '4.9406564584124654e-324' | '2.6749999999999998'
# expect: '€>-z#e' '1.234000e+03' | '0.000000e+00' | '9.999900e+00' | '-1.000000e-04' | '-1.000000e-07' | '2.675000e+00'
# expect: '^#01_X' '0X1' | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'float' | '-0X2A' | '-0X40_0000_0000_0000_0000' | '0X5_6BC7_5E2D_6310_0000'
# expect: '=z#13c' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier
# expect: '>-013,.1%' '0000000000.0%' | '0000000000.0%' | '0000000000.0%' | '0000000267.5%' | '100,000,000,000,000,007,629,703,079,084,894,925,347,346,855,150,656,811,701,601,734,206,211,380,288,125,794,484,142,188,964,691,784,076,639,747,577,138,548,761,372,210,387,844,799,938,291,815,611,350,519,830,750,167,649,856,488,981,626,536,368,095,414,607,314,235,151,058,373,458,986,890,825,155,659,063,617,715,863,205,282,622,390,509,284,183,439,858,617,103,083,735,673,849,899,204,570,498,157,510,656.0%' | '00000000-0.0%'
# expect: '#09.2d' ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float'
# expect: '€=#0,.17F' '0.05000000000000000' | '1.50000000000000000' | '-0.00000000000000000' | '-0.00010000000000000' | '0.50000000000000000' | '1,234.00000000000000000'
# expect: '^ 13.17' ' 9.9999000000000002' | '     inf     ' | '    -0.0     ' | ' 0.00012344999999999999' | ValueError: Precision not allowed in integer format specifier | '     1.5     '
# expect: '0=,n' ValueError: Cannot specify ',' with 'n'. | ValueError: Cannot specify ',' with 'n'. | ValueError: Cannot specify ',' with 'n'. | ValueError: Cannot specify ',' with 'n'. | ValueError: Cannot specify ',' with 'n'. | ValueError: Cannot specify ',' with 'n'.
# expect: '*<-z0,x' ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'.
# expect: '#1.0%' '50.%' | '0.%' | '0.%' | '999999999999999983222784.%' | '500.%' | '100.%'
# expect: ' 9_.0g' '    1e+03' | '   -1e+21' | '   0.0001' | '    6e+01' | '    1e+01' | '        5'
# expect: '0< 013n' ' 1e+300000000' | ' 1.5000000000' | ' 123457000000' | '-420000000000' | ' 1e+220000000' | ' 0.0500000000'
# expect: '>6s' 'xxxxxxxxxxx' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float'
# expect: '€< #9g' ' 1.00000e+22' | ' 0.000123450' | ' 1.00000€' | ' 9.99990€' | ' nan€€€€€' | ' 0.00000€'
# expect: 'z9_.0f' '        0' | '        0' | '        0' | '       -1' | '        0' | '        0'
# expect: '=#13g' '-     1.00000' | '  1.00000e+22' | '  1.00000e+16' | '- 1.00000e-07' | '  1.00000e+15' | '  1.11411e+06'
# expect: '€<-#6_.3G' '0.00€€' | '10.0€€' | '1.50€€' | 'INF€€€' | '1.00E+20' | '1.00E+15'
# expect: 'x=z13X' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'float'
# expect: '^+9_' ' -98_765 ' | ' -0.0001 ' | ' +1e+16  ' | ValueError: Cannot specify '_' with 's'. | ' -0.0001 ' | '   +1    '
# expect: '*<#09.1E' '5.0E-02**' | '1.2E-04**' | 'INF******' | '1.0E+00**' | '5.0E+00**' | '6.5E+01**'
# expect: '0> 013_.0g' '0000000 1e+05' | '000000000-inf' | '000000 0.0001' | '0000000-4e+01' | '000000 1e+300' | '00000000000-2'
# expect: '#6.1' ValueError: Precision not allowed in integer format specifier | ValueError: Alternate form (#) not allowed in string format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier
# expect: '*> 01_.6' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ' 0.05' | ValueError: Cannot specify '_' with 's'. | ValueError: Precision not allowed in integer format specifier | '-0.0'
# expect: '€^g' '4.94066e-324' | '-0.0001' | '0.00012345' | '-1' | '-1e-07' | '255'
# expect: 'x<9,' '5e-324xxx' | '1e+300xxx' | '1xxxxxxxx' | '-0.0xxxxx' | '-98,765xx' | '9.9999xxx'
# expect: '€>-6X' ValueError: Unknown format code 'X' for object of type 'float' | '-181CD' | '€€€€€1' | '€€€€€0' | '€€€€€0' | ValueError: Unknown format code 'X' for object of type 'float'
# expect: '^+#c' ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c'
# expect: 'x= 0.3e' ' 5.000e+00' | ' 5.000e+00' | ' 1.000e+22' | ' inf' | ' 1.000e+15' | '-inf'
# expect: '0<0_x' ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Unknown format code 'x' for object of type 'float' | '1' | '10_ffff' | '1'
# expect: ' z6,.2c' ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'.
# expect: '=-#13,.6e' ' 2.675000e+00' | '4.940656e-324' | ' 9.999999e+02' | ' 5.000000e-01' | '-0.000000e+00' | ' 2.675000e+00'
# expect: '9g' '     -2.5' | '4.94066e-324' | '4.94066e-324' | '   0.0001' | '    1e+20' | '    2.675'
# expect: '€=#1,d' '100,000,000,000,000,000,000' | '0' | ValueError: Unknown format code 'd' for object of type 'float' | '-98,765' | ValueError: Unknown format code 'd' for object of type 'str' | ValueError: Unknown format code 'd' for object of type 'float'
# expect: '< ,s' ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'.
# expect: 'x=+z#6c' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier
# expect: '-13f' '10000000000000000.000000' | '     1.500000' | '     2.675000' | '    -0.000100' | '  1234.000000' | '     0.000000'
# expect: 'x< #01,.2c' ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'.
# expect: 'x<.6F' '-0.000000' | '3.141590' | '9.999900' | '-2.500000' | '10000000000000000000000.000000' | '1.000000'
# expect: '0<#_X' '0XFF' | '0X0' | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'str' | '0X1' | '-0X1_81CD'
# expect: '€<+#6.6s' ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'int' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float'
# expect: '=.17' ValueError: '=' alignment not allowed in string format specifier | '2.6749999999999998' | ValueError: Precision not allowed in integer format specifier | ValueError: '=' alignment not allowed in string format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier
# expect: '-09_.0' '000_000.5' | '0_001e+03' | '-00000inf' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | '0_005e-324'
# expect: '1d' '1' | '255' | ValueError: Unknown format code 'd' for object of type 'float' | '255' | '0' | '-1180591620717411303424'
# expect: '€<_.3' '-1e-07' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | '-0.0' | '1e+15'
# expect: '= #6.1s' ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Space not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'int'
# expect: 'x<0s' ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'int' | 'ab' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'int' | ValueError: Unknown format code 's' for object of type 'float'
# expect: '0<#1.2n' '10.' | '1.0e+15' | '1.0e+16' | 'nan' | ValueError: Precision not allowed in integer format specifier | '0.050'
# expect: '=+#6,x' ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'.
# expect: 'x<-06.2x' ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'x' for object of type 'float'
# expect: 'x=n' '-inf' | '0.5' | '1114111' | '-0.0001' | '0' | '2.675'
# expect: '09e' '-1.000000e+00' | '-1.180592e+21' | '1.000000e+00' | '9.999900e+00' | '1.234568e+05' | '2.675000e+00'
# expect: '<-1_.0%' '0%' | '500%' | '-118_059_162_071_741_130_342_400%' | '1_000_000_000_000_000_000%' | 'nan%' | '-4_200%'
# expect: '=-013' '000000001e+22' | '000123456.789' | '0000000000255' | '00000000.0001' | '0000.00012345' | '-0000000000.0'
# expect: '*<0,b' ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'.
# expect: '*>z1.0s' ValueError: Unknown format code 's' for object of type 'int' | ValueError: Negative zero coercion (z) not allowed in string format specifier | ValueError: Negative zero coercion (z) not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'int'
# expect: '0< 1_e' ' 1.000000e-04' | ' 6.500000e+01' | '-4.200000e+01' | '-1.000000e-04' | ' 1.234568e+05' | ' 1.000000e+16'
# expect: '< #9.1' ValueError: Space not allowed in string format specifier | ' 1.e+15  ' | '-2.e+00  ' | '-2.e+00  ' | ValueError: Precision not allowed in integer format specifier | '-0.e+00  '
# expect: '*=+#13,.3%' '+******0.000%' | '+****999.990%' | '+******0.000%' | '+1,000,000,000,000,000,000.000%' | '+10,000,000,000,000,000,000,000.000%' | '+****267.500%'
# expect: '€^13.2d' ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier
# expect: '>0,' '1e+22' | '-2.5' | '1e+300' | '-0.0001' | '5' | '-98,765'
# expect: '0^+#1b' '+0b0' | '+0b100001111111111111111' | '+0b11111111' | '+0b1' | '-0b1' | '-0b101010'
# expect: '013,.3' ValueError: Cannot specify ',' with 's'. | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | '0,000,000.0001' | '0,000,001e+15'
# expect: '= 6.17g' '     0' | '   0.5' | '-  inf' | '-98765' | ' 1e+20' | ' 123456.789'
# expect: 'x<01_x' '-40_0000_0000_0000_0000' | '4d2' | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Unknown format code 'x' for object of type 'float' | '5'
# expect: '*>#1b' ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Unknown format code 'b' for object of type 'str' | '0b101' | ValueError: Unknown format code 'b' for object of type 'str' | ValueError: Unknown format code 'b' for object of type 'float'
# expect: '^+#1,E' '+1.234000E+03' | '+0.000000E+00' | '+2.675000E+00' | '+2.675000E+00' | '+1.234568E+05' | '-2.500000E+00'
# expect: '*<-13.0' ValueError: Precision not allowed in integer format specifier | '0.0001*******' | ValueError: Sign not allowed in string format specifier | '-2e+00*******' | ValueError: Precision not allowed in integer format specifier | ValueError: Sign not allowed in string format specifier
# expect: 'x<-6,.3E' '0.000E+00' | '1.000E+22' | '1.000E+20' | '-1.000E-07' | '1.000E+03' | '1.235E+05'
# expect: '9.6e' '1.000000e-04' | '1.234500e-04' | '0.000000e+00' | '9.999999e+02' | '1.234568e+05' | '9.999999e+02'
# expect: '€>+#09,.17' '+0.50000000000000000' | '+4.9406564584124654e-324' | ValueError: Precision not allowed in integer format specifier | '+0.0000000000000000' | ValueError: Cannot specify ',' with 's'. | '-0.00010000000000000000'
# expect: '<+13.0f' '+0           ' | '+0           ' | '+0           ' | '+0           ' | '+2           ' | '+0           '
# expect: '>#13,E' ' 1.114111E+06' | '-1.180592E+21' | ' 5.000000E+00' | '-1.000000E-04' | ' 5.000000E-01' | '-0.000000E+00'
# expect: 'x< z6n' ' 1e+22' | ValueError: Negative zero coercion (z) not allowed in integer format specifier | '-2.5xx' | ' 1e+300' | ' 1000x' | ' 0xxxx'
# expect: '< 1.1s' ValueError: Unknown format code 's' for object of type 'int' | ValueError: Unknown format code 's' for object of type 'int' | ValueError: Unknown format code 's' for object of type 'int' | ValueError: Unknown format code 's' for object of type 'int' | ValueError: Space not allowed in string format specifier | ValueError: Space not allowed in string format specifier
# expect: '€> 09_.3G' '€€€€€ 255' | '€€€€€€€ 0' | ' 0.000123' | '€€€€ 2.67' | '€€€-1E-07' | ' 1.23E+05'
# expect: ' 13' '-1180591620717411303424' | ValueError: Space not allowed in string format specifier | '            5' | '            0' | '          -42' | '         1234'
# expect: '>6_.3%' '150.000%' | '12_345_678.900%' | '1_000_000_000_000_000_000.000%' | '0.000%' | '999_999_999_999_999_983_222_784.000%' | '0.000%'
# expect: '0<1d' '65' | '5' | '1114111' | ValueError: Unknown format code 'd' for object of type 'float' | '5' | '1234'
# expect: '^-,o' ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'.
# expect: '0= .1E' ' 3.1E+00' | ' 4.9E-324' | ' 1.5E+00' | ' NAN' | ' 1.0E+300' | ' 3.1E+00'
# expect: '*<-#0_.3E' '1.000E+300' | '-2.500E+00' | '1.000E+03' | '5.000E-02' | '-INF' | '1.000E+03'
# expect: '+z#6.17g' '+1000000000000000.0' | '  -inf' | '+0.0000000000000000' | '-2.5000000000000000' | '+2.6749999999999998' | '+5.0000000000000000'
# expect: ' #,.2x' ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'.
# expect: '<+zE' '+1.000000E+20' | '+9.999999E+02' | '+3.141590E+00' | '-1.180592E+21' | '+INF' | '+1.234000E+03'
# expect: '=+z.6s' ValueError: Unknown format code 's' for object of type 'float' | ValueError: Sign not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Sign not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'bool' | ValueError: Sign not allowed in string format specifier
# expect: '€^013n' '€€€€-inf€€€€€' | '€€€€1e+22€€€€' | '€€€€€0.5€€€€€' | '€€€€€€0€€€€€€' | '€€€€€nan€€€€€' | '€€€€€€0€€€€€€'
# expect: '0< 1_.0' ' 3e+00' | '-2e+00' | ' 2e+00' | ' 1e+22' | ValueError: Precision not allowed in integer format specifier | ValueError: Cannot specify '_' with 's'.
# expect: '<+#.17e' '-0.00000000000000000e+00' | '+5.00000000000000028e-02' | '+6.50000000000000000e+01' | '+3.14158999999999988e+00' | '+9.99990000000000023e+00' | '+9.99990000000000023e+00'
# expect: '€<#_.2X' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'float'
# expect: '0=06g' '001000' | '01e+22' | '0001.5' | '-00001' | '-00000' | '1e+300'
# expect: '*^z06,.3%' '99,999.990%' | '*nan%*' | '100.000%' | '25,500.000%' | '10,000,000,000,000,000,000,000.000%' | '999,999,999,999,999,983,222,784.000%'
# expect: '€=1.17f' '3.14158999999999988' | '-0.00000000000000000' | '2.67499999999999982' | '-0.00010000000000000' | '-1.00000000000000000' | '1114111.00000000000000000'
# expect: '€<-#1,.3g' '0.0500' | '1.23e+05' | '3.14' | '1.00e+03' | '1.00' | '-2.50'
# expect: '0= #06s' ValueError: Unknown format code 's' for object of type 'int' | ValueError: Space not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'int' | ValueError: Space not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'float'
# expect: '>013,.1G' '000000001E+03' | '000000001E+16' | '0000000-1E+21' | '000000001E+03' | '0000000000000' | '000000001E+03'
# expect: '^z01.0G' '1E+03' | '1E+05' | '-1' | '1E+01' | '1E+01' | '3'
# expect: '€=,.0g' 'nan' | '0.05' | '1e+16' | '3' | '0.05' | '-4e+01'
# expect: '<#1b' '0b1010110101111000111010111100010110101100011000100000000000000000000' | '-0b11000000111001101' | '0b1' | ValueError: Unknown format code 'b' for object of type 'float' | '0b1' | '0b0'
# expect: '*=13,g' '-******98,765' | '**********inf' | '-*******1e-07' | '**********inf' | '*********0.05' | '******123,457'
# expect: '=0.6F' '10000000000000000000000.000000' | '0.050000' | '0.000123' | '0.000000' | '2.675000' | '2.675000'
# expect: '^+#,.6G' '+0.000123450' | '-0.00000' | '+4.94066E-324' | '+3.14159' | '+1.50000' | '-0.00000'
# expect: 'x=z#1b' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Unknown format code 'b' for object of type 'str' | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Negative zero coercion (z) not allowed in integer format specifier
# expect: '€^+#,g' '+1.00000e+300' | '-2.50000' | '-2.50000' | '+0.0500000' | '+0.00000' | '+3.14159'
# expect: '€> 6.0f' '€€ nan' | '€€€€ 3' | '€€€€ 1' | '€€€€ 0' | ' 1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160' | '€€€€ 0'
# expect: '€>13.17G' '€€€€€€€€€-INF' | '€€€123456.789' | '€€€€€€€€€€€65' | '€€€€€€€€€€1.5' | '-9.9999999999999995E-08' | '2.6749999999999998'
# expect: '+1_.3e' '-inf' | '+0.000e+00' | '+inf' | '+2.675e+00' | '+1.000e+03' | '-1.000e-04'
# expect: '€=-#1d' ValueError: Unknown format code 'd' for object of type 'str' | ValueError: Unknown format code 'd' for object of type 'float' | '5' | '0' | '100000000000000000000' | '65'
# expect: '^#0.2n' '-1.0e-07' | ValueError: Precision not allowed in integer format specifier | 'nan' | '2.7' | ValueError: Precision not allowed in integer format specifier | '1.0e+22'
# expect: 'x> #013f' ' 10000000000000000000000.000000' | 'xxxx-2.500000' | 'xxxxxxxxx inf' | ' 100000000000000000000.000000' | 'xxxx-2.500000' | ' 1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000'
# expect: 'x<,x' ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'. | ValueError: Cannot specify ',' with 'x'.
# expect: '+#1d' ValueError: Unknown format code 'd' for object of type 'str' | '-98765' | ValueError: Unknown format code 'd' for object of type 'float' | '+5' | '+255' | ValueError: Unknown format code 'd' for object of type 'float'
# expect: 'x=-6,X' ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'.
# expect: 'x<#.0e' '-1.e+05' | '-inf' | '1.e+22' | '1.e+03' | '3.e+00' | '1.e+22'
# expect: ' #13_.17G' '-98_765.000000000000' | ' 0.00012344999999999999' | ' 0.00010000000000000000' | '-98_765.000000000000' | ' 0.050000000000000003' | ' 2.6749999999999998'
# expect: '<09.6e' 'inf000000' | '9.999999e+02' | '1.000000e+300' | '0.000000e+00' | '1.114111e+06' | '1.234568e+05'
# expect: '*<+z1,b' ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'.
# expect: '€=+z#0.1%' '+50.0%' | '+0.0%' | '+314.2%' | '+0.0%' | '+12345678.9%' | '+0.0%'
# expect: '< 0,b' ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'.
# expect: '=1X' '5' | '1' | '-181CD' | ValueError: Unknown format code 'X' for object of type 'float' | '-1' | '-1'
# expect: '*^-z1_.3g' '-inf' | '1e+22' | '-inf' | '-0.0001' | '-inf' | '5'
# expect: ' 1.1e' ' 1.0e+22' | ' 1.0e+300' | ' nan' | '-1.0e-07' | ' 5.0e-01' | ' 1.0e+03'
# expect: '> #6,.6' ' 2.67500' | ' 1.00000e+300' | ' 9.99990' | ValueError: Precision not allowed in integer format specifier | ' 0.500000' | ValueError: Precision not allowed in integer format specifier
# expect: '^ .6e' ' inf' | ' 1.234000e+03' | '-1.000000e-04' | '-1.000000e-04' | ' inf' | '-inf'
# expect: '0=1_o' '1' | ValueError: Unknown format code 'o' for object of type 'float' | '126_5707_2742_6543_0400_0000' | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float' | '101'
# expect: 'z#0X' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'float' | ValueError: Unknown format code 'X' for object of type 'float'
# expect: '*<z6,.1' '0.5***' | '1e+15*' | ValueError: Cannot specify ',' with 's'. | ValueError: Precision not allowed in integer format specifier | '0.5***' | '3e+00*'
# expect: '0=+.17f' '-42.00000000000000000' | '+1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.00000000000000000' | '+1114111.00000000000000000' | '+0.05000000000000000' | '-2.50000000000000000' | '+1.50000000000000000'
# expect: ' z,.1f' ' 0.1' | ' nan' | ' nan' | ' 0.0' | ' 1,000,000,000,000,000.0' | ' 0.0'
# expect: '>+#0b' '+0b10011010010' | '+0b1010110101111000111010111100010110101100011000100000000000000000000' | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Unknown format code 'b' for object of type 'float' | '+0b11111111' | '-0b101010'
# expect: '^+0,%' '+0.000000%' | '+nan%' | '+50.000000%' | '-0.000000%' | '+111,411,100.000000%' | '-4,200.000000%'
# expect: 'x<013.3e' '-1.000e-07xxx' | '1.000e+00xxxx' | 'infxxxxxxxxxx' | '1.000e+01xxxx' | '1.000e+22xxxx' | '-1.000e-07xxx'
# expect: '€=13,.0s' ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'. | ValueError: Cannot specify ',' with 's'.
# expect: '^ 0X' ' 1' | ' 4D2' | ' 4D2' | ValueError: Unknown format code 'X' for object of type 'float' | '-400000000000000000' | ValueError: Unknown format code 'X' for object of type 'float'
# expect: '>_b' ValueError: Unknown format code 'b' for object of type 'float' | '1' | '100_1101_0010' | '-1' | '100_1101_0010' | '1'
# expect: '^-0.0G' '1E+05' | '0' | '0.0001' | '0.5' | '1E+16' | '0.0001'
# expect: '=6,.3F' ' 3.142' | '   NAN' | '-0.000' | '-0.000' | '-0.000' | ' 0.000'
# expect: '>-#13,o' ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'.
# expect: '0^-#09.6F' '2.6750000' | '1.5000000' | '999.999900' | '1114111.000000' | '-0.000000' | '2.6750000'
# expect: '>#01_.0g' '1.e+300' | '-2.' | 'inf' | '-0.' | '-1.e-07' | '1.e+16'
# expect: '€^ #.3e' ' 1.000e+20' | ' 1.000e+01' | ' 4.941e-324' | ' 1.000e+300' | '-inf' | ' 1.000e+01'
# expect: '>13,o' ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'.
# expect: '^#9n' '-0.000100000' | '    0    ' | '1.00000e+300' | '0.0500000' | '-2.50000 ' | '    1    '
# expect: '#1_E' '-0.000000E+00' | '9.999900E+00' | '-0.000000E+00' | '3.141590E+00' | '5.000000E+00' | '5.000000E-01'
# expect: '*<+13x' '-181cd*******' | '+10ffff******' | '-2a**********' | ValueError: Unknown format code 'x' for object of type 'float' | '+1***********' | '-2a**********'
# expect: ' 13_f' '          nan' | '   999.999900' | '    -2.500000' | '          inf' | '     0.000000' | '     0.000123'
# expect: '>+#0d' '+0' | '+5' | '+1' | '+100000000000000000000' | '-1' | '+0'
# expect: '*<01_.0' '1e+22' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier
# expect: 'x<-z09.3G' '1E+20xxxx' | '0.000123x' | 'INFxxxxxx' | '-1E-07xxx' | '0xxxxxxxx' | '1E+22xxxx'
# expect: '= #_.17g' ' inf' | ' 0.00010000000000000000' | '-42.000000000000000' | ' 999.99990000000003' | '-2.5000000000000000' | ' 9.9999000000000002'
# expect: '-.6E' '4.940656E-324' | '-0.000000E+00' | '-1.180592E+21' | '1.234568E+05' | '-4.200000E+01' | '2.675000E+00'
# expect: '0> 01_G' '-1E-07' | ' 255' | ' 9.9999' | ' 1.5' | ' 1E+22' | ' 0.05'
# expect: 'x^+z1.17g' '+4.9406564584124654e-324' | '+1.5' | '+1234' | '+4.9406564584124654e-324' | '+0.5' | '+0'
# expect: '^09c' '0000é0000' | ValueError: Unknown format code 'c' for object of type 'float' | '0000\x000000' | ValueError: Unknown format code 'c' for object of type 'float' | ValueError: Unknown format code 'c' for object of type 'float' | '0000😀0000'
# expect: '0<+#b' ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Unknown format code 'b' for object of type 'float' | '+0b1' | '+0b11111111' | '+0b100001111111111111111' | ValueError: Unknown format code 'b' for object of type 'float'
# expect: 'x<#6,.3f' '1,000,000,000,000,000,052,504,760,255,204,420,248,704,468,581,108,159,154,915,854,115,511,802,457,988,908,195,786,371,375,080,447,864,043,704,443,832,883,878,176,942,523,235,360,430,575,644,792,184,786,706,982,848,387,200,926,575,803,737,830,233,794,788,090,059,368,953,234,970,799,945,081,119,038,967,640,880,074,652,742,780,142,494,579,258,788,820,056,842,838,115,669,472,196,386,865,459,400,540,160.000' | '0.000x' | '1,000,000,000,000,000.000' | '0.000x' | '0.000x' | '10,000,000,000,000,000,000,000.000'
# expect: '> #9.6s' ValueError: Space not allowed in string format specifier | ValueError: Space not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Space not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'int'
# expect: '^+1,.2d' ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float'
# expect: '€<06.2x' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'x' for object of type 'float'
# expect: '=13,g' '-           0' | '-         inf' | '            0' | '-         2.5' | '        1e+15' | '       9.9999'
# expect: '#0.2x' ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Precision not allowed in integer format specifier
# expect: '*=z#9,.3' '*****3.14' | '*****0.00' | ValueError: Precision not allowed in integer format specifier | '******inf' | ValueError: Precision not allowed in integer format specifier | '-1.00e-07'
# expect: '€^-.1' ValueError: Precision not allowed in integer format specifier | ValueError: Sign not allowed in string format specifier | '3e+00' | '-inf' | '0.0001' | '-0.0001'
# expect: '=-#0n' '1.00000e+16' | '1234' | '-1.00000e-07' | '1.00000e+15' | '-0.000100000' | '1.00000e+16'
# expect: 'x< 13c' ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Unknown format code 'c' for object of type 'float' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c'
# expect: '€< #_.2b' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier
# expect: '= 09E' ' 5.000000E-01' | '-1.000000E+00' | ' 1.000000E+300' | ' 2.675000E+00' | ' 5.000000E-02' | '-00000INF'
# expect: '^13,.6g' '      0      ' | '    1e+20    ' | '   -0.0001   ' | '    -inf     ' | '-1.18059e+21 ' | '   -1e-07    '
# expect: '>6.3g' '0.000123' | '4.94e-324' | '-1e-07' | '  2.67' | '   nan' | '  0.05'
# expect: '*>-z#.1G' '1.E+300' | '0.' | '1.E+05' | '1.E+22' | 'INF' | '0.'
# expect: '0^1.1s' 'h' | 'x' | ValueError: Unknown format code 's' for object of type 'int' | '0' | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Unknown format code 's' for object of type 'bool'
# expect: '0>.0' ValueError: Precision not allowed in integer format specifier | '-0.0001' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | '0.0001' | ''
# expect: ' z#6n' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ' 0.500000' | ' 0.00000' | '-1.00000e-07' | ' 0.000123450'
# expect: '0=13.6G' '0000000001234' | '0000000000255' | '0000000123457' | '-0000000002.5' | '00000001E+300' | '00000009.9999'
# expect: '€< 1_.0e' ' 1e+15' | ' inf' | ' 1e+22' | ' 1e+03' | ' 1e+05' | '-1e-07'
# expect: '*<z1e' '1.000000e+15' | '5.000000e-01' | '9.999900e+00' | '1.500000e+00' | '1.000000e+15' | '-2.500000e+00'
# expect: '>-#,X' ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'. | ValueError: Cannot specify ',' with 'X'.
# expect: '^+13.2c' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier
# expect: 'x=13,o' ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'. | ValueError: Cannot specify ',' with 'o'.
# expect: '*<-01n' '2.675' | '1e+15' | '1000' | 'nan' | '-0.0001' | '65'
# expect: '0<-#09_G' '1.00000E+15' | '1.00000E+16' | '-2.500000' | '0.000100000' | '0.0000000' | '-2.500000'
# expect: '0>#13.1f' '00000001000.0' | '00000000003.1' | '10000000000000000000000.0' | '00000000002.7' | '00000-98765.0' | '000000000-1.0'
# expect: 'x^_.6' '1e+300' | '0.00012345' | '1.5' | '0.05' | ValueError: Cannot specify '_' with 's'. | ValueError: Precision not allowed in integer format specifier
# expect: '*<#09n' '-inf*****' | '0.000100000' | '123457.**' | '-1.00000e-07' | '100000000000000000000' | '1.00000e+300'
# expect: '^z0s' ValueError: Negative zero coercion (z) not allowed in string format specifier | ValueError: Negative zero coercion (z) not allowed in string format specifier | ValueError: Unknown format code 's' for object of type 'float' | ValueError: Negative zero coercion (z) not allowed in string format specifier | ValueError: Negative zero coercion (z) not allowed in string format specifier | ValueError: Negative zero coercion (z) not allowed in string format specifier
# expect: '+01F' '+10000000000000000000000.000000' | '+1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000' | '+2.675000' | '+2.675000' | '+1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000' | '-INF'
# expect: '*>z013,G' '************0' | '*********0.05' | '********1E+15' | '**********NAN' | '**********NAN' | '********1E+15'
# expect: '0<+#g' '+2.67500' | '-0.00000' | '-0.00000' | '-0.000100000' | '+1.00000e+15' | '-inf'
# expect: '0=_b' '1111_1111' | ValueError: Unknown format code 'b' for object of type 'float' | '101' | '101_0110_1011_1100_0111_0101_1110_0010_1101_0110_0011_0001_0000_0000_0000_0000_0000' | '-1' | '0'
# expect: '€<#0.1E' '1.0E+01' | '1.0E+00' | '1.0E+15' | 'INF' | '-1.0E-04' | '1.1E+06'
# expect: '=#13,G' '-     42.0000' | '      65.0000' | '      3.14159' | ' 1.00000E+300' | '-     2.50000' | '      255.000'
# expect: '-13d' ValueError: Unknown format code 'd' for object of type 'str' | '            0' | '            1' | '           65' | ValueError: Unknown format code 'd' for object of type 'float' | '            1'
# expect: '*< #1_X' ValueError: Unknown format code 'X' for object of type 'float' | '-0X1' | ValueError: Unknown format code 'X' for object of type 'str' | ValueError: Unknown format code 'X' for object of type 'float' | ' 0XFF' | ValueError: Unknown format code 'X' for object of type 'float'
# expect: '= #9c' ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c'
# expect: '9_.2b' ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'b' for object of type 'float' | ValueError: Precision not allowed in integer format specifier
# expect: '#06n' '-2.50000' | '-0.000100000' | '1.50000' | '000nan' | '0.500000' | '-1180591620717411303424'
# expect: '+#13,.3f' '       +0.500' | '+10,000,000,000,000,000,000,000.000' | '       +0.000' | '       +0.000' | '   +1,000.000' | '         +inf'
# expect: '0<+0G' '+0.0001' | '+2.675' | '-2.5' | '+0' | '+65' | '+255'
# expect: 'x>-01_o' ValueError: Unknown format code 'o' for object of type 'float' | '1' | '417_7777' | ValueError: Unknown format code 'o' for object of type 'float' | '-1' | '5'
# expect: 'x<06.17f' '5.00000000000000000' | '1234.00000000000000000' | '10000000000000000000000.00000000000000000' | 'nanxxx' | '1.50000000000000000' | '0.05000000000000000'
# expect: '>13_o' '            5' | ValueError: Unknown format code 'o' for object of type 'float' | '            0' | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'str' | '            1'
# expect: 'x<6n' '-0xxxx' | '1000xx' | '0xxxxx' | '0xxxxx' | '1e+300' | '-0.0001'
# expect: '€< 9c' ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c'
# expect: 'x=#1_.0E' '0.E+00' | '0.E+00' | '1.E+05' | '5.E-01' | '5.E-01' | '3.E+00'
# expect: '<+z6d' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Unknown format code 'd' for object of type 'float'
# expect: '0,b' ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'. | ValueError: Cannot specify ',' with 'b'.
# expect: '^#1.1' '0.0001' | '1.e+01' | '0.e+00' | '0.5' | ValueError: Alternate form (#) not allowed in string format specifier | ValueError: Alternate form (#) not allowed in string format specifier
# expect: 'x<+#01_e' '+inf' | '+5.000000e-02' | '+1.234568e+05' | '-0.000000e+00' | '-0.000000e+00' | '+4.940656e-324'
# expect: '= 6.1E' ' 4.9E-324' | '   INF' | '-9.9E+04' | '-2.5E+00' | ' 5.0E-01' | ' 3.1E+00'
# expect: 'x^-#13c' ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c' | ValueError: Sign not allowed with integer format specifier 'c'
# expect: '*<z6.17F' '0.00000000000000000' | '0.00000000000000000' | '-2.50000000000000000' | '9.99990000000000023' | '3.14158999999999988' | '-INF**'
# expect: '0^+9_.2d' ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Unknown format code 'd' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier
# expect: '0<+z#9b' ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier
# expect: '0>-z0_.6' '0.00012345' | '-2.5' | '4.94066e-324' | ValueError: Precision not allowed in integer format specifier | ValueError: Cannot specify '_' with 's'. | 'nan'
# expect: '< #0.0E' ' 1.E+05' | ' 5.E+00' | ' 0.E+00' | ' 0.E+00' | ' 1.E-04' | ' 1.E+03'
# expect: 'x> z9_.6F' 'xxxxx INF' | ' 0.000000' | ' 2.675000' | 'xxxxx NAN' | ' 0.500000' | '-0.000100'
# expect: '<#9,c' ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'. | ValueError: Cannot specify ',' with 'c'.
# expect: '0<#01_o' ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float' | '-0o1' | '0o417_7777' | '0o1' | '-0o52'
# expect: '€=o' ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float' | '5' | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float' | '-200000000000000000000000'
# expect: '<-z#06_.2x' ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Unknown format code 'x' for object of type 'float' | ValueError: Precision not allowed in integer format specifier | ValueError: Unknown format code 'x' for object of type 'float'
# expect: '1' '-inf' | '-42' | '0.05' | '65' | '9.9999' | '1000000000000000.0'
# expect: '<0,' ValueError: Cannot specify ',' with 's'. | '0.00012345' | '1e+16' | '-2.5' | '65' | '1.5'
# expect: '€<+z06.1e' '+5.0e-01' | '-2.5e+00' | '+0.0e+00' | '+1.1e+06' | '+1.0e-04' | '+4.9e-324'
# expect: '0>+,.3%' '+999,999,999,999,999,983,222,784.000%' | '-0.010%' | '-0.000%' | '+nan%' | '+12,345,678.900%' | '+100,000,000,000,000,007,629,703,079,084,894,925,347,346,855,150,656,811,701,601,734,206,211,380,288,125,794,484,142,188,964,691,784,076,639,747,577,138,548,761,372,210,387,844,799,938,291,815,611,350,519,830,750,167,649,856,488,981,626,536,368,095,414,607,314,235,151,058,373,458,986,890,825,155,659,063,617,715,863,205,282,622,390,509,284,183,439,858,617,103,083,735,673,849,899,204,570,498,157,510,656.000%'
# expect: '0<0.6G' '0' | '1E+15' | '65' | '9.9999' | '-42' | '1E+15'
# expect: '>+z01,.17g' '-0.0001' | '+0' | '+4.9406564584124654e-324' | '-9.9999999999999995e-08' | '+0.050000000000000003' | '-inf'
# expect: '1c' ValueError: Unknown format code 'c' for object of type 'float' | '€' | '\x00' | OverflowError: %c arg not in range(0x110000) | OverflowError: %c arg not in range(0x110000) | OverflowError: %c arg not in range(0x110000)
# expect: '=+,.17e' '+3.14158999999999988e+00' | '+2.67499999999999982e+00' | '-2.50000000000000000e+00' | '+inf' | '+1.00000000000000005e-04' | '+1.11411100000000000e+06'
# expect: '€=#013c' ValueError: Alternate form (#) not allowed with integer format specifier 'c' | ValueError: Alternate form (#) not allowed with integer format specifier 'c' | ValueError: Alternate form (#) not allowed with integer format specifier 'c' | ValueError: Unknown format code 'c' for object of type 'float' | ValueError: Alternate form (#) not allowed with integer format specifier 'c' | ValueError: Alternate form (#) not allowed with integer format specifier 'c'
# expect: '0^-#,.17f' '123,456.78900000000430737' | '0.00010000000000000' | '1,114,111.00000000000000000' | '0.00000000000000000' | '999.99990000000002510' | '0.00000000000000000'
# expect: '>-0o' '-52' | ValueError: Unknown format code 'o' for object of type 'float' | '1' | ValueError: Unknown format code 'o' for object of type 'float' | ValueError: Unknown format code 'o' for object of type 'float' | '-300715'
# expect: 'x<-6_X' '-40_0000_0000_0000_0000' | '1xxxxx' | '0xxxxx' | '1xxxxx' | '41xxxx' | ValueError: Unknown format code 'X' for object of type 'float'
# expect: '=+G' '+1E+15' | '+3.14159' | '+0.5' | '+NAN' | '+0.05' | '+1'
# expect: '= .1' ' 1e+300' | ValueError: Space not allowed in string format specifier | ' nan' | ValueError: Precision not allowed in integer format specifier | '-1e-07' | ' 0.5'
# expect: '*< _E' ' 3.141590E+00' | ' 1.000000E+300' | '-1.000000E-04' | ' 2.550000E+02' | ' 1.234500E-04' | ' 5.000000E+00'
# expect: '*>-#09x' '*0x10ffff' | ValueError: Unknown format code 'x' for object of type 'float' | '*0x10ffff' | ValueError: Unknown format code 'x' for object of type 'float' | '*****0xff' | '*****0xff'
# expect: '0<-z#013_d' ValueError: Unknown format code 'd' for object of type 'str' | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier | ValueError: Negative zero coercion (z) not allowed in integer format specifier
# expect: '=+#.6e' '+1.000000e+15' | '+1.000000e+300' | '+3.141590e+00' | '+1.000000e+00' | '+1.000000e+00' | '-inf'
# expect: '*^+01_.17' ValueError: Cannot specify '_' with 's'. | '+2.6749999999999998' | ValueError: Precision not allowed in integer format specifier | ValueError: Precision not allowed in integer format specifier | '+999.99990000000003' | ValueError: Precision not allowed in integer format specifier
# expect: '^ze' '0.000000e+00' | '1.000000e+15' | '-2.500000e+00' | '9.999999e+02' | '2.550000e+02' | '0.000000e+00'
# expect: '+#6_%' '+100_000_000_000_000_007_629_703_079_084_894_925_347_346_855_150_656_811_701_601_734_206_211_380_288_125_794_484_142_188_964_691_784_076_639_747_577_138_548_761_372_210_387_844_799_938_291_815_611_350_519_830_750_167_649_856_488_981_626_536_368_095_414_607_314_235_151_058_373_458_986_890_825_155_659_063_617_715_863_205_282_622_390_509_284_183_439_858_617_103_083_735_673_849_899_204_570_498_157_510_656.000000%' | '-250.000000%' | '+100_000_000_000_000_000.000000%' | '+0.010000%' | '+314.159000%' | '+25_500.000000%'
