#ifndef FACTCHECK_CLIBXML2_SHIM_H
#define FACTCHECK_CLIBXML2_SHIM_H
// The HTML parser (CMS exports) and the XML reader (the parts of a .docx).
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>
#endif
