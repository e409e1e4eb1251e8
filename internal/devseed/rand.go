package devseed

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
)

// gen is one group's deterministic source: the same seed and group number
// give the same names, numbers, dates and ids on every run and database.
type gen struct {
	r *rand.Rand
}

func newGen(seed, stream uint64) *gen {
	// #nosec G404 -- development data must be reproducible from --seed; nothing here is a secret
	return &gen{r: rand.New(rand.NewPCG(seed, stream))}
}

// id returns a version-7 UUID whose time part is at and whose random part
// comes from the generator, so ids sort by creation time like db.NewID's.
func (g *gen) id(at time.Time) string {
	var u uuid.UUID
	var ts [8]byte
	binary.BigEndian.PutUint64(ts[:], uint64(max(at.UnixMilli(), 0)))
	copy(u[0:6], ts[2:8])
	binary.BigEndian.PutUint64(u[8:], g.r.Uint64())
	binary.BigEndian.PutUint64(ts[:], g.r.Uint64())
	copy(u[6:8], ts[:2])
	u[6] = (u[6] & 0x0f) | 0x70
	u[8] = (u[8] & 0x3f) | 0x80
	return u.String()
}

// groupStream is the generator stream of the n-th group (0 is the
// coordinators').
func groupStream(n int) uint64 {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(max(n, 0))+1) // #nosec G115 -- n is a group number, never negative here
	return binary.BigEndian.Uint64(b[:])
}

func (g *gen) intn(n int) int { return g.r.IntN(n) }

// chance is true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func pick[T any](g *gen, list []T) T { return list[g.r.IntN(len(list))] }

// digits returns n random decimal digits.
func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = "0123456789"[g.r.IntN(10)]
	}
	return string(b)
}

var givenNames = []string{"Maria", "Yohana", "Agustina", "Elisabeth", "Margaretha", "Fransiska", "Theresia",
	"Veronika", "Katarina", "Yuliana", "Martha", "Ester", "Debora", "Rut", "Naomi", "Ribka", "Sarlina",
	"Yasinta", "Florida", "Imelda", "Siti", "Nur", "Aminah", "Dewi", "Wati", "Sri", "Rosalina", "Oktavia",
	"Novita", "Selvi", "Adriana", "Bernadeta", "Kristina", "Lusia", "Magdalena", "Paulina", "Regina", "Sisilia"}

var familyNames = []string{"Lende", "Bria", "Ndun", "Tefa", "Nenobais", "Kase", "Taneo", "Seran", "Bere", "Manafe",
	"Amalo", "Fanggidae", "Ratu", "Nalle", "Lay", "Mella", "Kolo", "Sabu", "Huru", "Lodo", "Ndolu", "Sinlae",
	"Tanesib", "Nubatonis", "Bani", "Kana", "Pello", "Dethan", "Ully", "Messakh"}

var groupWords = []string{"Sejahtera", "Mandiri", "Harapan", "Maju", "Bersama", "Kasih", "Cinta", "Damai",
	"Makmur", "Sehati", "Tunas", "Mekar", "Lestari", "Berkat", "Terang", "Sentosa"}

var groupKinds = []string{"Kelompok Perempuan", "KUBE", "Kelompok Tani Wanita", "Kelompok Tenun", "Koperasi Ibu"}

var occupations = []string{"petani", "penenun", "pedagang kecil", "ibu rumah tangga", "buruh tani", "peternak"}

var villages = []string{"Oelnasi", "Noelbaki", "Tanah Merah", "Oebelo", "Penfui Timur", "Oefafi", "Naibonat", "Baumata"}

func (g *gen) personName() string {
	return pick(g, givenNames) + " " + pick(g, familyNames)
}

func (g *gen) groupName(n int) string {
	return fmt.Sprintf("%s %s %s %d", pick(g, groupKinds), pick(g, groupWords), pick(g, groupWords), n)
}
