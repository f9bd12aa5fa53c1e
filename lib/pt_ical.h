/* pt_ical.h - deadlines as iCalendar (RFC 5545).
 *
 * One all-day VEVENT per tracked obligation, due on its last on-time day;
 * a stable UID from plan, task, agency and period; a VALARM a few working
 * days before; with status, submitted obligations are marked completed.
 * CRLF line ends, lines folded at 75 octets without splitting a character.
 */
#ifndef PT_ICAL_H
#define PT_ICAL_H

#include <stdbool.h>
#include "pt_check.h"
#include "pt_util.h"

void pt_ical_write(pt_buf *out, const pt_check *c, bool with_status, const char *lang);

#endif
