package registry

// GraduationReady reports whether a member is ready to graduate, PENA-style:
// her household enterprise income has stayed above the regional minimum
// wage. incomes are per period, oldest first, in the same unit as
// minimumWage; each of the last periods values must be strictly above it
// (earning exactly the UMK is not "above"). A single good month after a dip
// is not enough, which is why a whole window is required.
//
// It is false when there are fewer than periods values, when periods < 1 or
// when the minimum wage is unknown (≤ 0): graduation is never granted on
// missing data.
func GraduationReady(incomes []int64, minimumWage int64, periods int) bool {
	if periods < 1 || minimumWage <= 0 || len(incomes) < periods {
		return false
	}
	for _, income := range incomes[len(incomes)-periods:] {
		if income <= minimumWage {
			return false
		}
	}
	return true
}
