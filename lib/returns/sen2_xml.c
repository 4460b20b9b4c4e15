/*
 * sen2_xml.c: read the SEN2 XML message (the one ehc_sen2_export_xml()
 * writes, or another supplier's) with libxml2's SAX2 push parser, fed
 * the file in chunks (its xmlTextReader builds and frees a node for
 * each element, and took twice the time), into the same rows as the
 * nine CSV files, a person at a time: memory holds one person's blocks,
 * however large the message.  Which block
 * sits in which, and which items each holds, come from the year tables
 * (base/sen2_spec.c); items may come in any order within their block.
 * Positions are the line of each element and its ordinal among the
 * start tags on that line, from which ehc__sen2_xml_where() finds the
 * column when a problem is reported.
 *
 * libxml2 parses on a thread of its own, up to four blocks of events
 * ahead (struct feed): its parsing is a fifth of the import, and the
 * checks and writes of the people before take the rest.  The parser's
 * callbacks only write events (an element's name and line, text, the
 * end of an element); the reader replays them, in order, into the same
 * functions the callbacks called before, and what it finds stops the
 * parser.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <stdatomic.h>

#include <libxml/parser.h>

#define NTABLES		EHC__SEN2_NTABLES
#define MAXCOLS		EHC__SEN2_MAXCOLS
#define MAX_DEPTH	16
/* Blocks in one person's part of the message; beyond is not a child. */
#define MAX_BLOCKS	100000
/* How much of the file the parser is given at a time. */
#define FEED		(256 * 1024)

enum kind { B_MESSAGE, B_PERSONS, B_GROUP, B_TABLE };

/* An element open around the one being read. */
struct block {
	enum kind		 kind;
	int			 table;		/* B_TABLE, B_GROUP: whose */
	const char		*name;		/* B_GROUP: its name */
	struct ehc__sen2_rec	*rec;		/* B_TABLE, B_GROUP */
	int64_t			 pos;
	unsigned		 seen;		/* items given, by column */
	unsigned		 children;	/* single child blocks given */
};

struct xr {
	struct ehc_db		*db;
	const char		*path;
	int			 rc;		/* the first problem, to stop */
	int			 ending;	/* the file's end is being read */
	int			 rc_ending;	/* rc found there */
	const struct ehc__sen2_xml_cb *cb;
	void			*payload;
	const struct ehc__sen2_year *y;	/* which block holds which */
	/* The current person's rows, reused person after person. */
	struct ehc__sen2_rec	*recs[NTABLES];
	size_t			 n[NTABLES], cap[NTABLES];
	struct ehc__sen2_rec	 header;
	int			 have_header, have_persons;
	int			 header_done;	/* and handed on */
	long			 persons, requests, pd_seq, pl_seq;
	/* Start tags met on the current line. */
	long			 line, ordinal;
	long			 ev_line;	/* the parser's, at the event */
	struct block		 stack[MAX_DEPTH];
	int			 depth;
	/* The item being read: its column and position. */
	int			 item;
	int64_t			 item_pos;
	char			*text;
	size_t			 tlen, tcap;
	/*
	 * The element names met for each table's items and blocks: the
	 * reader hands out one copy of each name (its dictionary's), so
	 * that the next time a pointer compare finds it.
	 */
	const char		*met[NTABLES][MAXCOLS + NTABLES];
};

/*
 * Events, from the parser's thread to the reader's, in blocks of
 * FEED_BLOCK bytes: block (first + i) % FEED_BLOCKS for the i-th of the
 * nfull written and not yet replayed; the parser writes the next.
 */
#define FEED_BLOCK	(1024 * 1024)
#define FEED_BLOCKS	4

enum { EV_START = 1, EV_END, EV_TEXT, EV_DOCTYPE, EV_ENDING };

struct feed {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	char			*blk[FEED_BLOCKS];
	size_t			 used[FEED_BLOCKS];
	int			 first, nfull;
	int			 done;		/* the parser has finished */
	atomic_int		 stop;		/* the reader found a problem */
	/* The parser's block being written. */
	char			*w;
	size_t			 wlen;
	int			 wi;
};

/* libxml2's side: the parser, its first error, and how it ended. */
struct parse {
	xmlParserCtxtPtr	 ctxt;
	FILE			*fp;
	struct feed		*q;
	int			 ending;	/* the last call, with no data */
	long			 start_line;	/* of the last start tag */
	int			 xerr;		/* its first error, below */
	long			 xline, xcol;
	char			 xmsg[256];
	int			 perr;		/* xmlParseChunk()'s */
	int			 read_errno;	/* fread() failed */
	size_t			 total;		/* bytes read */
};

static int
nomem(struct xr *x)
{
	return ehc__db_fail(x->db, EHC_ENOMEM, "out of memory reading "
	    "'%.300s'", x->path);
}

/* A problem at an element: FILE:LINE:COLUMN. */
static int
bad(struct xr *x, int64_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(struct xr *x, int64_t pos, const char *fmt, ...)
{
	char msg[300], *p;
	long line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* What the message quotes from the file stays on one line. */
	for (p = msg; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	ehc__sen2_xml_where(x->path, pos, &line, &col);
	return ehc__db_fail(x->db, EHC_EINVAL, "%.300s:%ld:%ld: %s", x->path,
	    line, col, msg);
}

/* Keep libxml2's first error for the message; nothing is printed. */
static void
on_error(void *arg, xmlErrorPtr e)
{
	struct parse *x = arg;
	size_t n;
	char *p;

	if (x->xerr || e == NULL || e->level < XML_ERR_ERROR)
		return;
	x->xerr = 1;
	/* Else where the reader was: the line of the last start tag. */
	x->xline = e->line > 0 ? e->line : x->start_line > 0 ?
	    x->start_line : 1;
	x->xcol = e->int2 > 0 ? e->int2 : 1;
	snprintf(x->xmsg, sizeof(x->xmsg), "%s", e->message ? e->message :
	    "not well-formed");
	n = strlen(x->xmsg);
	while (n > 0 && (x->xmsg[n - 1] == '\n' || x->xmsg[n - 1] == ' '))
		x->xmsg[--n] = '\0';
	/* The message is one line. */
	for (p = x->xmsg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

/* Start a row of table t: every field empty, at the block's position. */
static int
rec_start(struct ehc__sen2_rec *r, int t, int64_t pos)
{
	int k, nf = ehc__sen2_tables[t].nitems;
	size_t oc = (size_t)r->offcap, pc = (size_t)r->poscap;

	if (ehc__grow((void **)&r->buf, &r->cap, 64, 1) == -1 ||
	    ehc__grow((void **)&r->off, &oc, (size_t)nf, sizeof(*r->off))
	    == -1 ||
	    ehc__grow((void **)&r->pos, &pc, (size_t)nf, sizeof(*r->pos))
	    == -1)
		return -1;
	r->offcap = (int)oc;
	r->poscap = (int)pc;
	r->buf[0] = '\0';
	r->len = 1;
	r->nf = nf;
	r->line = pos;
	for (k = 0; k < nf; k++) {
		r->off[k] = 0;
		r->pos[k] = pos;
	}
	return 0;
}

/* Set field k of r to the n bytes at v. */
static int
rec_set(struct ehc__sen2_rec *r, int k, const char *v, size_t n,
    int64_t pos)
{
	if (ehc__grow((void **)&r->buf, &r->cap, r->len + n + 1, 1) == -1)
		return -1;
	memcpy(r->buf + r->len, v, n);
	r->buf[r->len + n] = '\0';
	r->off[k] = r->len;
	r->len += n + 1;
	r->pos[k] = pos;
	return 0;
}

/* Copy field k of from into the key column k of r. */
static int
rec_key(struct ehc__sen2_rec *r, int k, const char *v)
{
	return rec_set(r, k, v, strlen(v), r->line);
}

void
ehc__sen2_rec_release(struct ehc__sen2_rec *r)
{
	free(r->buf);
	free(r->off);
	free(r->pos);
	memset(r, 0, sizeof(*r));
}

/* A new row of table t for the current person, in *out. */
static int
new_row(struct ehc__sen2_rec **out, struct xr *x, int t, int64_t pos)
{
	size_t total = 0, cap = x->cap[t];
	int i;

	for (i = 0; i < NTABLES; i++)
		total += x->n[i];
	if (total >= MAX_BLOCKS)
		return bad(x, pos, "one person has more than %d blocks",
		    MAX_BLOCKS);
	if (x->n[t] == x->cap[t]) {
		if (ehc__grow((void **)&x->recs[t], &cap, x->n[t] + 1,
		    sizeof(*x->recs[t])) == -1)
			return nomem(x);
		memset(x->recs[t] + x->cap[t], 0, (cap - x->cap[t]) *
		    sizeof(*x->recs[t]));
		x->cap[t] = cap;
	}
	*out = &x->recs[t][x->n[t]++];
	if (rec_start(*out, t, pos) == -1)
		return nomem(x);
	return EHC_OK;
}

/* Whether the year's order puts child table c inside table t. */
static int
holds(const struct xr *x, int t, int c)
{
	const char *const *p;

	for (p = x->y->xml[t]; *p != NULL; p++)
		if (**p == '@' && strcmp(*p + 1,
		    ehc__sen2_tables[c].element) == 0)
			return 1;
	return 0;
}

/* Whether name is a grouping element of table t ("+name"). */
static const char *
group_of(const struct xr *x, int t, const char *name)
{
	const char *const *p;

	for (p = x->y->xml[t]; *p != NULL; p++)
		if (**p == '+' && strcmp(*p + 1, name) == 0)
			return *p + 1;
	return NULL;
}

/*
 * What name is in table t: an item (its column) or a block (MAXCOLS +
 * its table), or -1; the answer is kept against name's pointer.
 */
static int
kind_of(struct xr *x, int t, const char *name)
{
	const struct ehc__sen2_table *tb = &ehc__sen2_tables[t];
	int i, c;

	for (i = 0; i < MAXCOLS + NTABLES; i++)
		if (x->met[t][i] == name)
			return i;
	if ((c = ehc__sen2_column(t, name)) >= 0 && !tb->items[c].key) {
		x->met[t][c] = name;
		return c;
	}
	if ((c = ehc__sen2_table(name)) >= 0 && holds(x, t, c)) {
		x->met[t][MAXCOLS + c] = name;
		return MAXCOLS + c;
	}
	return -1;
}

/* A block that may come once in its parent: its bit in children. */
static unsigned
single(int t)
{
	switch (t) {
	case EHC__SEN2_ASSESSMENT:
		return 1;
	case EHC__SEN2_NAMEDPLAN:
		return 2;
	case EHC__SEN2_ACTIVEPLANS:
		return 4;
	}
	return 0;
}

/* Open a block inside the current one. */
static void
push(struct xr *x, enum kind kind, int table, const char *name,
    struct ehc__sen2_rec *rec, int64_t pos)
{
	struct block *b = &x->stack[x->depth++];

	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->table = table;
	b->name = name;
	b->rec = rec;
	b->pos = pos;
}

/* A child block of table t's row: its keys from the enclosing rows. */
static int
start_child(struct xr *x, struct block *parent, int t, int64_t pos)
{
	const struct ehc__sen2_rec *p = parent->rec;
	struct ehc__sen2_rec *r;
	char num[24];
	unsigned one = single(t);
	int rc;

	if (one != 0 && (parent->children & one))
		return bad(x, pos, "a second <%s> in <%s>",
		    ehc__sen2_tables[t].element,
		    ehc__sen2_tables[parent->table].element);
	parent->children |= one;
	if ((rc = new_row(&r, x, t, pos)) != EHC_OK)
		return rc;
	if (t == EHC__SEN2_REQUESTS) {
		snprintf(num, sizeof(num), "%ld", ++x->requests);
		x->pd_seq = x->pl_seq = 0;
		if (rec_key(r, 0, p->buf + p->off[0]) == -1 ||
		    rec_key(r, 1, num) == -1)
			return nomem(x);
	} else if (rec_key(r, 0, p->buf + p->off[0]) == -1 ||
	    rec_key(r, 1, p->buf + p->off[1]) == -1)
		return nomem(x);
	if (t == EHC__SEN2_PLANDETAIL || t == EHC__SEN2_PLACEMENT) {
		snprintf(num, sizeof(num), "%ld", t == EHC__SEN2_PLANDETAIL ?
		    ++x->pd_seq : ++x->pl_seq);
		if (rec_key(r, 2, num) == -1)
			return nomem(x);
	}
	push(x, B_TABLE, t, NULL, r, pos);
	return EHC_OK;
}

/* A Person block: the person's rows so far are dropped. */
static int
start_person(struct xr *x, int64_t pos)
{
	struct ehc__sen2_rec *r;
	char num[24];
	int t, rc;

	for (t = 0; t < NTABLES; t++)
		x->n[t] = 0;
	if ((rc = new_row(&r, x, EHC__SEN2_PERSON, pos)) != EHC_OK)
		return rc;
	snprintf(num, sizeof(num), "%ld", ++x->persons);
	if (rec_key(r, 0, num) == -1)
		return nomem(x);
	push(x, B_TABLE, EHC__SEN2_PERSON, NULL, r, pos);
	return EHC_OK;
}

/* An element opens: what it may be depends on what it is in. */
static int
element(struct xr *x, const char *name, int64_t pos)
{
	struct block *top = x->depth > 0 ? &x->stack[x->depth - 1] : NULL;
	struct block *owner;
	const char *in = top == NULL ? NULL : top->kind == B_MESSAGE ?
	    "Message" : top->kind == B_PERSONS ? "Persons" :
	    top->kind == B_GROUP ? top->name :
	    ehc__sen2_tables[top->table].element;
	int t, c;

	if (x->item >= 0)
		return bad(x, pos, "<%s> inside an item, which holds a value",
		    name);
	if (x->depth == MAX_DEPTH)
		return bad(x, pos, "elements nested too deep");
	if (top == NULL) {
		if (strcmp(name, "Message") != 0)
			return bad(x, pos, "a SEN2 message starts with "
			    "<Message>, not <%s>", name);
		push(x, B_MESSAGE, -1, NULL, NULL, pos);
		return EHC_OK;
	}
	switch (top->kind) {
	case B_MESSAGE:
		if (strcmp(name, "Header") == 0 && !x->have_header &&
		    !x->have_persons) {
			x->have_header = 1;
			if (rec_start(&x->header, EHC__SEN2_HEADER, pos) == -1)
				return nomem(x);
			push(x, B_TABLE, EHC__SEN2_HEADER, NULL, &x->header,
			    pos);
			return EHC_OK;
		}
		if (strcmp(name, "Persons") == 0 && x->have_header &&
		    !x->have_persons) {
			x->have_persons = 1;
			push(x, B_PERSONS, -1, NULL, NULL, pos);
			return EHC_OK;
		}
		if (strcmp(name, "Header") == 0 || strcmp(name, "Persons") ==
		    0)
			return bad(x, pos, "<Message> holds one <Header>, then "
			    "one <Persons>");
		break;
	case B_PERSONS:
		if (strcmp(name, "Person") == 0)
			return start_person(x, pos);
		break;
	case B_GROUP:
	case B_TABLE:
		if (top->kind == B_TABLE && group_of(x, top->table, name)) {
			push(x, B_GROUP, top->table, group_of(x, top->table,
			    name), top->rec, pos);
			return EHC_OK;
		}
		if ((c = kind_of(x, top->table, name)) >= 0 && c < MAXCOLS) {
			/* A group's items are its table's. */
			owner = top->kind == B_GROUP ? top - 1 : top;
			if (owner->seen & (1u << c))
				return bad(x, pos, "a second <%s> in <%s>",
				    name, in);
			owner->seen |= 1u << c;
			x->item = c;
			x->item_pos = pos;
			x->tlen = 0;
			return EHC_OK;
		}
		if (top->kind == B_TABLE && c >= MAXCOLS) {
			t = c - MAXCOLS;
			return start_child(x, top, t, pos);
		}
		break;
	}
	return bad(x, pos, "<%s> is not part of <%s> in a SEN2 message (see "
	    "ehc-import(1))", name, in);
}

/* An element closes. */
static int
end_element(struct xr *x)
{
	struct block *b;
	struct ehc__sen2_rec *const *recs;
	int rc;

	if (x->item >= 0) {
		b = &x->stack[x->depth - 1];
		if (ehc__grow((void **)&x->text, &x->tcap, x->tlen + 1, 1) ==
		    -1 ||
		    rec_set(b->rec, x->item, x->text ? x->text : "", x->tlen,
		    x->item_pos) == -1)
			return nomem(x);
		x->item = -1;
		return EHC_OK;
	}
	if (x->depth == 0)
		return EHC_OK;
	b = &x->stack[--x->depth];
	if (b->kind == B_MESSAGE && !x->have_persons)
		return bad(x, b->pos, "the message has no <Persons>");
	if (b->kind != B_TABLE)
		return EHC_OK;
	if (b->table == EHC__SEN2_HEADER) {
		x->header_done = 1;
		return x->cb->header(x->payload, &x->header);
	}
	if (b->table == EHC__SEN2_PERSON) {
		recs = x->recs;
		if ((rc = x->cb->person(x->payload, recs, x->n)) != EHC_OK)
			return rc;
	}
	return EHC_OK;
}

static int64_t	position(struct xr *, int);

/* Text: an item's value, or white space between elements. */
static int
text(struct xr *x, const char *v, size_t n)
{
	const char *p, *end = v + n;

	if (x->item < 0) {
		for (p = v; p < end && (*p == ' ' || *p == '\t' || *p ==
		    '\n' || *p == '\r'); p++)
			;
		if (p < end)
			return bad(x, position(x, 0), "text '%.*s' outside "
			    "an item", (int)(end - p < 20 ? end - p : 20), p);
		return EHC_OK;
	}
	if (ehc__grow((void **)&x->text, &x->tcap, x->tlen + n + 1, 1) == -1)
		return nomem(x);
	memcpy(x->text + x->tlen, v, n);
	x->tlen += n;
	return EHC_OK;
}

/*
 * The position of what the parser had just read at the event: its line
 * (where a start tag ends) and, for a start tag, its ordinal on the
 * line.
 */
static int64_t
position(struct xr *x, int start)
{
	long line = x->ev_line;

	if (line != x->line) {
		x->line = line;
		x->ordinal = 0;
	}
	if (start)
		x->ordinal++;
	return ((int64_t)line << 32) | (x->ordinal > 0 ? x->ordinal : 1);
}

/* ---- the parser's thread: libxml2's callbacks write events ---- */

/* Hand the block written to the reader and take the next free one. */
static void
feed_flush(struct feed *q)
{
	pthread_mutex_lock(&q->mu);
	q->used[q->wi] = q->wlen;
	q->nfull++;
	pthread_cond_broadcast(&q->cv);
	while (q->nfull == FEED_BLOCKS && !atomic_load(&q->stop))
		pthread_cond_wait(&q->cv, &q->mu);
	q->wi = (q->wi + 1) % FEED_BLOCKS;
	q->w = q->blk[q->wi];
	q->wlen = 0;
	pthread_mutex_unlock(&q->mu);
}

/* An event: its kind, the parser's line, then n bytes of data. */
static void
emit(struct parse *x, int kind, const void *data, size_t n)
{
	struct feed *q = x->q;
	long line = x->ctxt->input != NULL ? x->ctxt->input->line : 1;
	size_t head = 1 + sizeof(line) + sizeof(n), part;
	const char *p = data;

	/* The reader wants no more: the parser stops (not at the end). */
	if (atomic_load(&q->stop)) {
		if (!x->ending)
			xmlStopParser(x->ctxt);
		return;
	}
	do {
		part = n;
		if (q->wlen + head + part > FEED_BLOCK) {
			if (q->wlen + head < FEED_BLOCK && kind == EV_TEXT)
				part = FEED_BLOCK - q->wlen - head;
			else {
				feed_flush(q);
				/* Stopped: the next block may be unread. */
				if (atomic_load(&q->stop))
					return;
				if (head + part > FEED_BLOCK)
					part = FEED_BLOCK - head;
			}
		}
		if (kind == EV_START || kind == EV_DOCTYPE)
			x->start_line = line;
		q->w[q->wlen] = (char)kind;
		memcpy(q->w + q->wlen + 1, &line, sizeof(line));
		memcpy(q->w + q->wlen + 1 + sizeof(line), &part, sizeof(part));
		if (part > 0) {
			memcpy(q->w + q->wlen + head, p, part);
			p += part;
		}
		q->wlen += head + part;
		n -= part;
	} while (n > 0);
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)nattrs;
	(void)ndefaulted;
	(void)attrs;
	/* The name is the parser's dictionary's: it lasts with the parser. */
	emit(ctx, EV_START, &name, sizeof(name));
}

static void
on_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	(void)name;
	(void)prefix;
	(void)uri;
	emit(ctx, EV_END, NULL, 0);
}

static void
on_text(void *ctx, const xmlChar *v, int len)
{
	emit(ctx, EV_TEXT, v, (size_t)len);
}

/*
 * A DOCTYPE, or a reference to an entity: not data, and refused when
 * the reader meets it (nothing before it is): the parser stops here.
 */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *id,
    const xmlChar *sys)
{
	struct parse *x = ctx;

	(void)name;
	(void)id;
	(void)sys;
	emit(x, EV_DOCTYPE, NULL, 0);
	if (!x->ending)
		xmlStopParser(x->ctxt);
}

static void
on_reference(void *ctx, const xmlChar *name)
{
	on_doctype(ctx, name, NULL, NULL);
}

/*
 * The parser's thread: the file fed to libxml2 a chunk at a time, until
 * its end, libxml2's first error, or the reader's problem.  At the end
 * it goes on, so that a file cut short is called that rather than by
 * the half tag it ends with.
 */
static void *
parse_file(void *arg)
{
	struct parse *x = arg;
	struct feed *q = x->q;
	char *buf;
	size_t got;

	/* libxml2's error handler is its thread's. */
	xmlSetStructuredErrorFunc(x, on_error);
	if ((buf = malloc(FEED)) == NULL)
		x->perr = -1;
	while (buf != NULL && !atomic_load(&q->stop) && !x->xerr &&
	    x->perr == 0 && (got = fread(buf, 1, FEED, x->fp)) > 0) {
		x->total += got;
		x->perr = xmlParseChunk(x->ctxt, buf, (int)got, 0);
	}
	if (buf != NULL && ferror(x->fp))
		x->read_errno = errno ? errno : EIO;
	if (buf != NULL && !atomic_load(&q->stop) && !x->xerr &&
	    x->perr == 0 && x->read_errno == 0 && x->total > 0) {
		emit(x, EV_ENDING, NULL, 0);
		x->ending = 1;
		x->perr = xmlParseChunk(x->ctxt, NULL, 0, 1);
	}
	/* Some of libxml2's errors (an encoding's) reach no handler. */
	if (!x->xerr && x->perr > 0)
		on_error(x, &x->ctxt->lastError);
	xmlSetStructuredErrorFunc(NULL, NULL);
	free(buf);
	pthread_mutex_lock(&q->mu);
	if (!atomic_load(&q->stop)) {
		q->used[q->wi] = q->wlen;
		q->nfull++;
	}
	q->done = 1;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

/* ---- the reader's thread: the events replayed ---- */

/*
 * What was found stops the parser.  At the end of the file, libxml2's
 * own error, if it finds one, is reported instead.
 */
static void
stop(struct xr *x, struct feed *q, int rc)
{
	if (rc != EHC_OK && x->rc == EHC_OK) {
		x->rc = rc;
		x->rc_ending = x->ending;
		if (!x->ending)
			atomic_store(&q->stop, 1);
	}
}

/* Replay the events of one block. */
static void
replay(struct xr *x, struct feed *q, const char *p, size_t len)
{
	const char *end = p + len;
	const xmlChar *name;
	size_t n;
	int kind;

	while (p < end && x->rc == EHC_OK) {
		kind = *p;
		memcpy(&x->ev_line, p + 1, sizeof(x->ev_line));
		memcpy(&n, p + 1 + sizeof(x->ev_line), sizeof(n));
		p += 1 + sizeof(x->ev_line) + sizeof(n);
		switch (kind) {
		case EV_START:
			memcpy(&name, p, sizeof(name));
			stop(x, q, element(x, (const char *)name,
			    position(x, 1)));
			break;
		case EV_END:
			stop(x, q, end_element(x));
			break;
		case EV_TEXT:
			stop(x, q, text(x, p, n));
			break;
		case EV_DOCTYPE:
			stop(x, q, bad(x, position(x, 0), "a SEN2 message has "
			    "no DOCTYPE or entities"));
			break;
		case EV_ENDING:
			x->ending = 1;
			break;
		}
		p += n;
	}
}

/* Replay every block the parser writes, until it has finished. */
static void
read_events(struct xr *x, struct feed *q)
{
	int i, done;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		while (q->nfull == 0 && !q->done)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->nfull == 0) {
			pthread_mutex_unlock(&q->mu);
			return;
		}
		i = q->first;
		done = q->done && q->nfull == 1;
		pthread_mutex_unlock(&q->mu);
		replay(x, q, q->blk[i], q->used[i]);
		pthread_mutex_lock(&q->mu);
		q->first = (q->first + 1) % FEED_BLOCKS;
		q->nfull--;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		if (done)
			return;
	}
}

int
ehc__sen2_xml_read(struct ehc_db *db, const char *path,
    const struct ehc__sen2_xml_cb *cb, void *payload)
{
	xmlSAXHandler sax;
	struct xr x;
	struct parse px;
	struct feed q;
	pthread_t th;
	int t, started = 0;

	memset(&x, 0, sizeof(x));
	memset(&px, 0, sizeof(px));
	memset(&q, 0, sizeof(q));
	x.db = db;
	x.path = path;
	x.cb = cb;
	x.payload = payload;
	x.item = -1;
	x.y = ehc__sen2_year(ehc__sen2_last_year());
	px.q = &q;
	atomic_init(&q.stop, 0);
	if ((px.fp = fopen(path, "rb")) == NULL)
		return ehc__db_fail(db, EHC_ENOINPUT, "cannot read '%.300s': "
		    "%s", path, strerror(errno));
	/*
	 * Elements and text only; no network, no DTD, no entities
	 * substituted: data only.  White space between elements goes to
	 * no callback.
	 */
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.internalSubset = on_doctype;
	sax.externalSubset = on_doctype;
	sax.reference = on_reference;
	sax.serror = on_error;
	/* Before a second thread uses the library (and loads it: compat/). */
	xmlInitParser();
	for (t = 0; t < FEED_BLOCKS; t++)
		if ((q.blk[t] = malloc(FEED_BLOCK)) == NULL)
			break;
	if (t < FEED_BLOCKS || (px.ctxt = xmlCreatePushParserCtxt(&sax, &px,
	    NULL, 0, path)) == NULL) {
		x.rc = ehc__db_fail(db, EHC_ENOMEM, "cannot start reading "
		    "'%.300s'", path);
		goto out;
	}
	xmlCtxtUseOptions(px.ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	q.w = q.blk[0];
	if (pthread_mutex_init(&q.mu, NULL) != 0 ||
	    pthread_cond_init(&q.cv, NULL) != 0 ||
	    pthread_create(&th, NULL, parse_file, &px) != 0) {
		x.rc = ehc__db_fail(db, EHC_ENOMEM, "cannot start reading "
		    "'%.300s'", path);
		goto out;
	}
	started = 1;
	read_events(&x, &q);
	pthread_join(th, NULL);
	if (px.perr < 0 && px.total == 0 && x.rc == EHC_OK)
		x.rc = ehc__db_fail(db, EHC_ENOMEM, "cannot start reading "
		    "'%.300s'", path);
	if (x.rc == EHC_OK && px.read_errno != 0)
		x.rc = ehc__db_fail(db, EHC_EIO, "cannot read '%.300s': %s",
		    path, strerror(px.read_errno));
	if (x.rc == EHC_OK && px.total == 0)
		x.rc = ehc__db_fail(db, EHC_EINVAL, "%.300s:1:1: not a SEN2 "
		    "message: the file is empty", path);
	/* A problem found at the end gives way to libxml2's there. */
	if (x.rc != EHC_OK && x.rc_ending && (px.xerr || px.perr != 0))
		x.rc = EHC_OK;
	if (x.rc == EHC_OK && (px.xerr || px.perr != 0 ||
	    !px.ctxt->wellFormed || x.depth != 0))
		x.rc = ehc__db_fail(db, EHC_EINVAL, "%.300s:%ld:%ld: malformed "
		    "XML: %s", path, px.xerr ? px.xline : (long)x.line,
		    px.xerr ? px.xcol : 1L, px.xerr ? px.xmsg :
		    "not well-formed");
	if (x.rc == EHC_OK && !x.header_done)
		x.rc = ehc__db_fail(db, EHC_EINVAL, "%.300s:1:1: not a SEN2 "
		    "message: no <Message> with a <Header>", path);
out:
	fclose(px.fp);
	if (started) {
		pthread_cond_destroy(&q.cv);
		pthread_mutex_destroy(&q.mu);
	}
	if (px.ctxt != NULL) {
		/* The document libxml2 makes for a DTD's entities, if any. */
		if (px.ctxt->myDoc != NULL)
			xmlFreeDoc(px.ctxt->myDoc);
		xmlFreeParserCtxt(px.ctxt);
	}
	for (t = 0; t < FEED_BLOCKS; t++)
		free(q.blk[t]);
	for (t = 0; t < NTABLES; t++) {
		size_t i;

		for (i = 0; i < x.cap[t]; i++)
			ehc__sen2_rec_release(&x.recs[t][i]);
		free(x.recs[t]);
	}
	ehc__sen2_rec_release(&x.header);
	free(x.text);
	return x.rc;
}

void
ehc__sen2_xml_where(const char *path, int64_t pos, long *line, long *col)
{
	long want = (long)(pos >> 32), ordinal = (long)(pos & 0xffffffff);
	long at = 1, c = 0, n = 0;
	char buf[65536];
	size_t got, i;
	int prev = -1, done = 0;
	FILE *fp;

	*line = want;
	*col = 1;
	if ((fp = fopen(path, "rb")) == NULL)
		return;
	/* The ordinal-th start tag on the line: '<' then a name. */
	while (!done && (got = fread(buf, 1, sizeof(buf), fp)) > 0)
		for (i = 0; i < got && !done; i++) {
			if (at == want) {
				c++;
				if (prev == '<' && buf[i] != '/' &&
				    buf[i] != '!' && buf[i] != '?' &&
				    ++n == ordinal) {
					*col = c - 1;
					done = 1;
				}
			}
			if (buf[i] == '\n' && ++at > want)
				done = 1;
			prev = (unsigned char)buf[i];
		}
	fclose(fp);
}
