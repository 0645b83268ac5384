#ifndef FACTCHECK_CPCRE2_SHIM_H
#define FACTCHECK_CPCRE2_SHIM_H
// factcheck matches UTF-8 bytes only: the 8-bit code unit library.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
