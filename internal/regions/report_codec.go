package regions

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// A stored report row is text in a small positional form rather than JSON:
// a province report decodes one per group, and reflection-driven JSON
// decoding was most of its time. The form, fields separated by ";":
//
//	r1;served;prse;activities;expected;present;attending;money_in;money_out;donations;programs;outcomes
//
// programs is "template=n" items joined by ","; outcomes is
// "indicator:people:changes" items joined by "|", changes being integers
// joined by ","; keys are query-escaped.
const rowVersion = "r1"

// encode writes x in the stored form.
func (x exactRow) encode() string {
	var b strings.Builder
	b.WriteString(rowVersion)
	for _, n := range []int64{int64(x.Served), int64(x.PRSE), int64(x.Activities), int64(x.Expected), int64(x.Present),
		int64(x.Attending), x.MoneyIn, x.MoneyOut, x.Donations} {
		b.WriteByte(';')
		b.WriteString(strconv.FormatInt(n, 10))
	}
	b.WriteByte(';')
	for i, k := range sortedKeys(x.Programs) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(url.QueryEscape(k) + "=" + strconv.Itoa(x.Programs[k]))
	}
	b.WriteByte(';')
	for i, o := range x.Outcomes {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(url.QueryEscape(o.Indicator) + ":" + strconv.Itoa(o.People) + ":")
		for j, c := range o.Changes {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(c, 10))
		}
	}
	return b.String()
}

// decodeRow reads a row written by encode.
func decodeRow(s string) (exactRow, error) {
	x := exactRow{Programs: map[string]int{}, Outcomes: []exactOutcome{}}
	f := strings.Split(s, ";")
	if len(f) != 12 || f[0] != rowVersion {
		return x, errors.New("regions: a stored report row in an unknown form")
	}
	var n [9]int64
	for i := range n {
		v, err := strconv.ParseInt(f[i+1], 10, 64)
		if err != nil {
			return x, fmt.Errorf("regions: a stored report row: %w", err)
		}
		n[i] = v
	}
	x.Served, x.PRSE, x.Activities, x.Expected, x.Present, x.Attending = int(n[0]), int(n[1]), int(n[2]), int(n[3]), int(n[4]), int(n[5])
	x.MoneyIn, x.MoneyOut, x.Donations = n[6], n[7], n[8]
	if f[10] != "" {
		for _, item := range strings.Split(f[10], ",") {
			k, v, ok := strings.Cut(item, "=")
			key, err := url.QueryUnescape(k)
			if !ok || err != nil {
				return x, errors.New("regions: a stored report row with a bad program")
			}
			if x.Programs[key], err = strconv.Atoi(v); err != nil {
				return x, fmt.Errorf("regions: a stored report row: %w", err)
			}
		}
	}
	if f[11] == "" {
		return x, nil
	}
	for _, item := range strings.Split(f[11], "|") {
		parts := strings.SplitN(item, ":", 3)
		if len(parts) != 3 {
			return x, errors.New("regions: a stored report row with a bad outcome")
		}
		ind, err := url.QueryUnescape(parts[0])
		if err != nil {
			return x, fmt.Errorf("regions: a stored report row: %w", err)
		}
		o := exactOutcome{Indicator: ind}
		if o.People, err = strconv.Atoi(parts[1]); err != nil {
			return x, fmt.Errorf("regions: a stored report row: %w", err)
		}
		if parts[2] != "" {
			cs := strings.Split(parts[2], ",")
			o.Changes = make([]int64, len(cs))
			for i, c := range cs {
				if o.Changes[i], err = strconv.ParseInt(c, 10, 64); err != nil {
					return x, fmt.Errorf("regions: a stored report row: %w", err)
				}
			}
		}
		x.Outcomes = append(x.Outcomes, o)
	}
	return x, nil
}
