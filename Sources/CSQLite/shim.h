#ifndef FACTCHECK_CSQLITE_SHIM_H
#define FACTCHECK_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot import: binding
// text with it makes SQLite copy the bytes before the call returns.
static inline void *factcheck_sqlite_transient(void) { return (void *)-1; }
#endif
