// SHA-256 (FIPS 180-4), for naming the program a trace was made from.
#pragma once

#include <string>
#include <string_view>

namespace traces {

std::string sha256_hex(std::string_view data);

}  // namespace traces
