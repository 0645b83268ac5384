#ifndef FACTCHECK_CLIBXML2_SHIM_H
#define FACTCHECK_CLIBXML2_SHIM_H
// The HTML parser (CMS exports) and the XML reader (the parts of a .docx).
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, so its encoding.h includes the system's <unicode/ucnv.h>,
// whose UErrorCode clashes with the copy in Foundation's _FoundationICU module: a file that
// sees both fails to compile ("... is not present in definition of 'enum UErrorCode'"),
// depending on the order modules are built in. Nothing here touches ICU or allocates an
// encoding handler (the only struct whose layout the macro changes, by two trailing
// pointers), so the ICU parts of the headers are left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#endif
