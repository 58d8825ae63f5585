#ifndef LORA_SPEC_CLIBXML2_SHIM_H
#define LORA_SPEC_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian's libxml2 headers pull in the system ICU, which clashes with Foundation's
// internal ICU module ("'UErrorCode' has different definitions"). The ICU-only
// encoding-converter fields are never used here.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#endif
