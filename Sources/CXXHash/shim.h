#ifndef FACTCHECK_CXXHASH_SHIM_H
#define FACTCHECK_CXXHASH_SHIM_H
// XXH3, 128 bits: the store's content hash (tens of GB/s, so hashing a whole archive on
// every CI checkout costs less than reading it).
#include <xxhash.h>
#endif
