#ifndef FACTCHECK_CINFLATE_SHIM_H
#define FACTCHECK_CINFLATE_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot import.
static inline int factcheck_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
#endif
