/*
 * xml_load.c: libxml2, loaded only when an XML message is read.
 *
 * libxml2 brings ICU and the C++ runtime with it, and loading them costs
 * every run of ehc about 9 ms, several times what `ehc case show` takes.
 * Only the SEN2 XML import needs it, so ehc opens the library the first
 * time a message is read, as xlsx_load.c does for workbooks.  The
 * functions below have the library's own names and prototypes (from its
 * headers), so the reader calls them exactly as documented.
 */
#include <stdio.h>

#include <libxml/xmlreader.h>

#ifndef EHC_LIBXML2_SONAME
#define EHC_LIBXML2_SONAME "libxml2.so.2"
#endif

/* R(type, name, params, args, on failure). */
#define XML_RETURNING							\
	R(xmlTextReaderPtr, xmlReaderForFile, (const char *f,		\
	    const char *enc, int opts), (f, enc, opts), NULL)		\
	R(int, xmlTextReaderRead, (xmlTextReaderPtr r), (r), -1)	\
	R(int, xmlTextReaderNodeType, (xmlTextReaderPtr r), (r), -1)	\
	R(int, xmlTextReaderIsEmptyElement, (xmlTextReaderPtr r), (r),	\
	    -1)								\
	R(const xmlChar *, xmlTextReaderConstLocalName,		\
	    (xmlTextReaderPtr r), (r), NULL)				\
	R(const xmlChar *, xmlTextReaderConstValue,			\
	    (xmlTextReaderPtr r), (r), NULL)				\
	R(xmlNodePtr, xmlTextReaderCurrentNode, (xmlTextReaderPtr r),	\
	    (r), NULL)							\
	R(int, xmlTextReaderGetParserLineNumber, (xmlTextReaderPtr r),	\
	    (r), 0)							\
	R(long, xmlGetLineNo, (const xmlNode *n), (n), -1)

/* V(name, params, args). */
#define XML_VOID							\
	V(xmlTextReaderSetStructuredErrorHandler, (xmlTextReaderPtr r,	\
	    xmlStructuredErrorFunc f, void *arg), (r, f, arg))		\
	V(xmlFreeTextReader, (xmlTextReaderPtr r), (r))

#define STAND_IN_RETURNING	XML_RETURNING
#define STAND_IN_VOID		XML_VOID
#define STAND_IN_SONAME		EHC_LIBXML2_SONAME
#include "stand_in.h"
