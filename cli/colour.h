// Colour on the terminal, and only there: ANSI escapes when standard output
// is a terminal whose TERM is not "dumb", and never when NO_COLOR is set to
// anything but the empty string (https://no-color.org).  Output to a file
// or a pipe is plain text, byte for byte the same as without this.
#pragma once

#include <string>
#include <string_view>

namespace cli {

bool colour();
// Plain text from now on (output that goes to a file though stdout is a terminal).
void no_colour();

std::string red(std::string_view s);    // a violation
std::string green(std::string_view s);  // a pass
std::string bold(std::string_view s);   // what to read first

}  // namespace cli
