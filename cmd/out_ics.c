/*
 * out_ics.c: iCalendar (RFC 5545) for dated lists, made so that a
 * calendar that imports the file again updates what changed: each item
 * keeps its UID; DTSTAMP is the time of writing; SEQUENCE and
 * LAST-MODIFIED come from the command and grow when the item changes.
 * Each item is an all-day event; lines are folded at 75 octets, never
 * inside a UTF-8 character.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "out_impl.h"

#define FOLD	75	/* octets a line, CRLF apart */

struct ics {
	char	stamp[20];	/* DTSTAMP: now, UTC */
};

/* Write "name:value" as folded lines. */
static void
put_line(FILE *fp, const char *name, const char *value)
{
	char line[4096];
	size_t len, at = 0, room, n;

	snprintf(line, sizeof(line), "%s:%s", name, value);
	len = strlen(line);
	room = FOLD;
	while (len - at > room) {
		n = room;
		/* Back to the first byte of a UTF-8 character. */
		while (n > 0 && ((unsigned char)line[at + n] & 0xc0) == 0x80)
			n--;
		fwrite(line + at, 1, n, fp);
		fputs("\r\n ", fp);
		at += n;
		room = FOLD - 1;
	}
	fprintf(fp, "%s\r\n", line + at);
}

/* RFC 5545 TEXT: backslash, semicolon, comma and newline escaped. */
static const char *
text(const char *s, char *buf, size_t len)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n + 3 < len; s++) {
		if (*s == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
			continue;
		}
		if ((unsigned char)*s < 0x20)
			continue;
		if (*s == '\\' || *s == ';' || *s == ',')
			buf[n++] = '\\';
		buf[n++] = *s;
	}
	buf[n] = '\0';
	return buf;
}

static void
put_text(FILE *fp, const char *name, const char *value)
{
	char buf[3072];

	put_line(fp, name, text(value, buf, sizeof(buf)));
}

static void
put_date(FILE *fp, const char *name, int32_t day)
{
	char d[EHC_DATE_LEN], v[9];

	ehc_date_format(d, sizeof(d), day);
	snprintf(v, sizeof(v), "%.4s%.2s%.2s", d, d + 5, d + 8);
	put_line(fp, name, v);
}

static void
utc(char *buf, size_t len, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y%m%dT%H%M%SZ", &tm);
}

static int
ics_begin(struct out *o)
{
	struct ics *st;

	if ((st = o->state = calloc(1, sizeof(*st))) == NULL)
		return cli_error(o->cli, EHC_EXIT_SOFTWARE, "out of memory");
	utc(st->stamp, sizeof(st->stamp), time(NULL));
	fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", o->fp);
	put_line(o->fp, "PRODID", "-//ehc//ehc " EHC_VERSION_STRING "//EN");
	fputs("CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n", o->fp);
	put_text(o->fp, "X-WR-CALNAME", o->spec->caption != NULL ?
	    o->spec->caption : o->spec->title);
	return 0;
}

static int
ics_row(struct out *o, const struct out_val *row, int total)
{
	struct ics *st = o->state;
	struct out_event ev;
	char when[20], buf[256], one[64], *cat, *next;
	int rc;

	if (total)
		return 0;
	memset(&ev, 0, sizeof(ev));
	if ((rc = o->spec->event(&ev, row, o->spec->payload)) != 0)
		return rc;
	fputs("BEGIN:VEVENT\r\n", o->fp);
	put_text(o->fp, "UID", ev.uid);
	put_line(o->fp, "DTSTAMP", st->stamp);
	if (ev.modified > 0) {
		utc(when, sizeof(when), (time_t)ev.modified);
		put_line(o->fp, "LAST-MODIFIED", when);
	}
	snprintf(buf, sizeof(buf), "%lld", (long long)ev.sequence);
	put_line(o->fp, "SEQUENCE", buf);
	put_date(o->fp, "DTSTART;VALUE=DATE", ev.day);
	put_date(o->fp, "DTEND;VALUE=DATE", ev.day + 1);
	put_text(o->fp, "SUMMARY", ev.summary);
	put_text(o->fp, "DESCRIPTION", ev.description);
	/* Each category escaped; the commas between them are not. */
	if (ev.categories[0] != '\0') {
		buf[0] = '\0';
		for (cat = ev.categories; cat != NULL; cat = next) {
			if ((next = strchr(cat, ',')) != NULL)
				*next++ = '\0';
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s%s", buf[0] ? "," : "", text(cat, one,
			    sizeof(one)));
		}
		put_line(o->fp, "CATEGORIES", buf);
	}
	fputs("TRANSP:TRANSPARENT\r\nCLASS:CONFIDENTIAL\r\n"
	    "END:VEVENT\r\n", o->fp);
	return 0;
}

static int
ics_end(struct out *o)
{
	fputs("END:VCALENDAR\r\n", o->fp);
	return 0;
}

static void
ics_release(struct out *o)
{
	free(o->state);
	o->state = NULL;
}

const struct out_backend out_ics = {
	ics_begin, ics_row, ics_end, ics_release
};
