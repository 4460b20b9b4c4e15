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
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

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

static struct {
#define R(type, name, params, args, fail)	type (*name) params;
#define V(name, params, args)			void (*name) params;
	XML_RETURNING
	XML_VOID
#undef R
#undef V
} fn;

static int loaded;	/* 0: not tried; 1: loaded; -1: failed */

/* Every symbol or none: a partial library would fail half-way through. */
static int
load(void)
{
	void *h, *p;

	if (loaded != 0)
		return loaded > 0;
	loaded = -1;
	if ((h = dlopen(EHC_LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL &&
	    (h = dlopen("libxml2.so", RTLD_NOW | RTLD_LOCAL)) == NULL)
		return 0;
	/* memcpy: ISO C has no cast from an object to a function pointer. */
#define R(type, name, params, args, fail)				\
	if ((p = dlsym(h, #name)) == NULL)				\
		return 0;						\
	memcpy(&fn.name, &p, sizeof(p));
#define V(name, params, args)	R(void, name, params, args, 0)
	XML_RETURNING
	XML_VOID
#undef R
#undef V
	loaded = 1;
	return 1;
}

#define R(type, name, params, args, fail)				\
type									\
name params								\
{									\
	return load() ? fn.name args : (fail);				\
}
#define V(name, params, args)						\
void									\
name params								\
{									\
	if (load())							\
		fn.name args;						\
}
XML_RETURNING
XML_VOID
#undef R
#undef V
