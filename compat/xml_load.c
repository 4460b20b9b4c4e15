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

#include <libxml/parser.h>

#ifndef EHC_LIBXML2_SONAME
#define EHC_LIBXML2_SONAME "libxml2.so.2"
#endif

/* R(type, name, params, args, on failure). */
#define XML_RETURNING							\
	R(xmlParserCtxtPtr, xmlCreatePushParserCtxt,			\
	    (xmlSAXHandlerPtr sax, void *user, const char *chunk,	\
	    int size, const char *filename),				\
	    (sax, user, chunk, size, filename), NULL)			\
	R(int, xmlCtxtUseOptions, (xmlParserCtxtPtr c, int options),	\
	    (c, options), -1)						\
	R(int, xmlParseChunk, (xmlParserCtxtPtr c, const char *chunk,	\
	    int size, int terminate), (c, chunk, size, terminate), -1)

/* V(name, params, args). */
#define XML_VOID							\
	V(xmlStopParser, (xmlParserCtxtPtr c), (c))			\
	V(xmlSetStructuredErrorFunc, (void *ctx,			\
	    xmlStructuredErrorFunc handler), (ctx, handler))		\
	V(xmlFreeParserCtxt, (xmlParserCtxtPtr c), (c))			\
	V(xmlInitParser, (void), ())					\
	V(xmlFreeDoc, (xmlDocPtr d), (d))

#define STAND_IN_RETURNING	XML_RETURNING
#define STAND_IN_VOID		XML_VOID
#define STAND_IN_SONAME		EHC_LIBXML2_SONAME
#include "stand_in.h"
