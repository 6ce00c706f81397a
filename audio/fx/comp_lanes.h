/* The compressor's vector passes (audio/fx/dynamics.c), written once for two vector
 * widths: dynamics.c includes this file twice, with CL_W 8 (functions named _v8, for
 * the x86-64-v3 copy: one AVX register) and CL_W 4 (_v4, for the baseline copy: one
 * SSE register). An eight-wide vector where there is no eight-wide register is two
 * halves that GCC keeps on the stack, storing and loading them around most operations;
 * four-wide ones stay in registers. Each function does one vector of CV frames, as
 * CV / CL_W pieces. The arithmetic per lane is the same at either width; the four-wide
 * passes make their comparisons, maxima and constants the way SSE does them in one
 * instruction (the eight-wide ones as integer arithmetic, below), with the same results,
 * so the baseline copy computes what it did with eight-wide vectors, bit for bit.
 *
 * Expects dynamics.c's definitions before it (COMP_INLINE, CV, struct comp_work, struct
 * comp_curve, struct comp_k, comp_half, DB_PER_LOG2). Not a header of its own. */

#if CL_W == 8
#define CL_F fm_v8sf
#define CL_I fm_v8si
#define CL_(name) name##_v8
#define CL_LOG2(x) fm_log2_v8(&(x))
#define CL_EXP2(x) fm_exp2_v8(&(x))
/* Comparisons of eight floats as integer arithmetic on their bits: GCC compiles a
 * comparison of eight floats lane by lane, with branches, where there is no eight-wide
 * register, but splits integer arithmetic into two four-wide halves (the same result
 * in the x86-64-v3 copy either way).
 * -1 where a > b, for a and b >= 0 and not NaN (their bits order as they do): */
#define CL_GT(a, b) (((CL_I)(b) - (CL_I)(a)) >> 31)
/* -1 where d < 0, for d not NaN and not -0 (the sign bit) */
#define CL_NEG(d) ((CL_I)(d) >> 31)
/* -1 where h is 0 or -0 */
#define CL_ZERO(h) ((((CL_I)(h) & 0x7fffffff) - 1) >> 31)
/* -1 where 2 over > w (w > 0) */
#define CL_OVER_KNEE(over, w) CL_NEG((w) - 2.0f * (over))
/* a constant (of dynamics.c's comp_k4) in every lane */
#define CL_K(c) CL_K8_##c
#define CL_K8_db_per_log2 ((float)DB_PER_LOG2)
#define CL_K8_to_log2 ((float)(1.0 / DB_PER_LOG2))
#define CL_K8_one ((CL_F){ 0 } + 1.0f)
#elif CL_W == 4
#define CL_F fm_v4sf
#define CL_I fm_v4si
#define CL_(name) name##_v4
#define CL_LOG2(x) ((x) = fm_log2_v4(x))
#define CL_EXP2(x) ((x) = fm_exp2_v4(x))
/* the same as float comparisons, one instruction each on SSE */
#define CL_GT(a, b) ((a) > (b))
#define CL_NEG(d) ((d) < 0.0f)
#define CL_ZERO(h) ((h) == 0.0f)
#define CL_OVER_KNEE(over, w) ((over) + (over) > (w))
/* GCC 12 makes each constant of four equal floats with a load and a shuffle where it
 * is used once registers run short (audio/dsp/fastmath.h, fm_k4): these are read from
 * memory, as operands of the arithmetic */
#define CL_K(c) (FM_OPAQUE(&comp_k4)->c)
#else
#error "CL_W is 8 or 4"
#endif

/* a where mask is true (-1), else b */
#define CL_SELECT(mask, a, b) ((CL_F)(((CL_I)(a) & (mask)) | ((CL_I)(b) & ~(mask))))
/* the larger of a and b (>= 0, not NaN): one instruction on SSE */
#if CL_W == 4
#define CL_MAX(a, b) fm_max_v4((a), (b))
#else
#define CL_MAX(a, b) CL_SELECT(CL_GT((a), (b)), (a), (b))
#endif
/* CL_W lanes from p (which holds at least that many floats) */
#define CL_LD(p) __extension__ ({ CL_F v_; memcpy(&v_, (p), sizeof v_); v_; })
#define CL_ST(p, v) memcpy((p), &(v), sizeof(CL_F))

/* Pass 1's |x| of the nv vectors of k0 and k1 in place (a NaN or an infinity as 0); true
 * if any is over lo (the knee's foot, in every lane) */
COMP_INLINE bool CL_(comp_abs)(float *k0, float *k1, int nv, const fm_v8sf *lo8)
{
	const CL_I absmask = (CL_I){ 0 } + 0x7fffffff;
	const CL_F lo = CL_LD(lo8);
	CL_I loud = { 0 };
	for (int i = 0; i < nv * CV; i += CL_W) {
		CL_F a = (CL_F)((CL_I)CL_LD(k0 + i) & absmask);
		CL_F z = (CL_F)((CL_I)CL_LD(k1 + i) & absmask);
#if CL_W == 8
		const CL_I inf = (CL_I){ 0 } + 0x7f800000;
		a = (CL_F)((CL_I)a & ~CL_GT(a, inf));
		z = (CL_F)((CL_I)z & ~CL_GT(z, inf));
		loud |= CL_GT(a, lo) | CL_GT(z, lo);
#else
		/* (a NaN is unordered: not <= infinity) */
		const CL_F inf = (CL_F){ 0 } + __builtin_inff();
		a = (CL_F)((CL_I)a & (a <= inf));
		z = (CL_F)((CL_I)z & (z <= inf));
		loud |= CL_GT(CL_MAX(a, z), lo);
#endif
		CL_ST(k0 + i, a);
		CL_ST(k1 + i, z);
	}
	uint64_t any[CL_W / 2], all = 0;
	memcpy(any, &loud, sizeof any);
	for (int i = 0; i < CL_W / 2; i++)
		all |= any[i];
	return all != 0;
}

/* gain_computer on CL_W levels (>= 0, not NaN) in place: see gain_computer_v8 */
COMP_INLINE void CL_(gain_computer)(CL_F *xp, const struct comp_curve *q)
{
	const CL_F x = *xp, lo = CL_LD(&q->lo);
	const CL_I over_lo = CL_GT(x, lo);
	CL_F over = CL_MAX(x, lo);
	CL_LOG2(over);
	over = over * CL_K(db_per_log2) - CL_LD(&q->t);
	CL_F g = CL_LD(&q->slope) * over;
	if (q->knee) {
		CL_F d = over + CL_LD(&q->half_w);
		/* the knee where 2 over <= w: w - 2 over >= 0 (not -0: w > 0) */
		g = CL_SELECT(CL_OVER_KNEE(over, CL_LD(&q->w)), g, d * d * CL_LD(&q->k_knee));
	}
	*xp = CL_SELECT(over_lo, g, (CL_F){ 0 });
}

/* Pass 2 for vector v of segment j: the gain computer (linked: on the louder level;
 * exactly 0 throughout a quiet segment, so not run there). */
COMP_INLINE void CL_(comp_curve)(struct comp_work *s, int j, int v, const struct comp_k *k,
	bool linked)
{
	const struct comp_seg *g = &s->seg[j];
	float *p0 = (float *)&s->k0[j][v], *p1 = (float *)&s->k1[j][v];
	for (int h = 0; h < CV; h += CL_W) {
		CL_F k0 = { 0 }, k1 = { 0 };
		if (g->quiet) {
			CL_ST(p0 + h, k0);
			CL_ST(p1 + h, k1);
		} else if (linked) {
			/* (the detector reads only k0) */
			k0 = CL_LD(p0 + h);
			k1 = CL_LD(p1 + h);
			k0 = CL_MAX(k0, k1);
			CL_(gain_computer)(&k0, &g->curve);
			CL_ST(p0 + h, k0);
		} else {
			k0 = CL_LD(p0 + h);
			k1 = CL_LD(p1 + h);
			CL_(gain_computer)(&k0, &g->curve);
			CL_(gain_computer)(&k1, &g->curve);
			const CL_F gm = CL_MAX(k0, k1), link = CL_LD(&k->link);
			k0 = k0 + link * (gm - k0);
			k1 = k1 + link * (gm - k1);
			CL_ST(p0 + h, k0);
			CL_ST(p1 + h, k1);
		}
	}
}

/* The gain in dB of CL_W frames, make-up minus the detector's output; true if it is 0
 * in every one (gain 1: nothing to do) */
COMP_INLINE bool CL_(comp_gain_db)(const double *yd, const float *mk, CL_F *h)
{
#if CL_W == 8
	const fm_v4sf lo = comp_half(yd), hi = comp_half(yd + 4);
	*h = CL_LD(mk) - __builtin_shufflevector(lo, hi, 0, 1, 2, 3, 4, 5, 6, 7);
#else
	*h = CL_LD(mk) - comp_half(yd);
#endif
	uint64_t bits[CL_W / 2], all = 0;
	memcpy(bits, h, sizeof bits);
	for (int i = 0; i < CL_W / 2; i++)
		all |= bits[i];
	/* 0 and -0 both */
	return (all & 0x7fffffff7fffffffull) == 0;
}

/* 10^(h/20) on CL_W frames in place; exactly 1 where h is 0 (the polynomial's 2^0 is
 * 1 - 1.2e-7), so that a frame's gain does not depend on its neighbours */
COMP_INLINE void CL_(comp_gain)(CL_F *h)
{
	const CL_I none = CL_ZERO(*h);
	CL_F g = *h * CL_K(to_log2);
	CL_EXP2(g);
	*h = CL_SELECT(none, CL_K(one), g);
}

/* A keyed stem's record (fx_class.record_gains) of the CL_W frames from frame f of
 * segment j, only those that are there: the gains applied, h0 and h1 (NULL: 1,
 * nothing was applied) */
COMP_INLINE void CL_(comp_record)(const struct comp_work *s, int j, int f, const CL_F *h0,
	const CL_F *h1)
{
	const struct comp_seg *g = &s->seg[j];
	const int n = g->n - f < CL_W ? g->n - f : CL_W;
	for (int i = 0; i < n; i++) {
		const unsigned at = (g->at + (unsigned)(f + i)) & s->rec->mask;
		double *d = s->rec->g + (size_t)at * 2;
		d[0] = h0 ? (*h0)[i] : 1.0;
		d[1] = h1 ? (*h1)[i] : 1.0;
	}
}

/* Pass 4 for vector v of segment j: the gain from the detector's output and the
 * make-up, applied (a short segment's last vector: only its frames) */
COMP_INLINE void CL_(comp_apply)(struct comp_work *s, int j, int v, bool linked)
{
	const struct comp_seg *g = &s->seg[j];
	const int n = g->n;
	const float *mk = (const float *)s->mk[j];
	for (int f = v * CV; f < (v + 1) * CV && f < n; f += CL_W) {
		CL_F h0, h1;
		bool unity = CL_(comp_gain_db)(s->yd0[j] + f, mk + f, &h0);
		if (!linked)
			unity &= CL_(comp_gain_db)(s->yd1[j] + f, mk + f, &h1);
		if (unity) {
			if (s->rec)
				CL_(comp_record)(s, j, f, NULL, NULL);
			continue;
		}
		CL_(comp_gain)(&h0);
		if (linked)
			h1 = h0;
		else
			CL_(comp_gain)(&h1);
		if (s->rec)
			CL_(comp_record)(s, j, f, &h0, &h1);
		float *b = g->b + f * 2;
		if (f + CL_W <= n) {
			CL_F p = CL_LD(b), q = CL_LD(b + CL_W);
#if CL_W == 8
			p *= __builtin_shufflevector(h0, h1, 0, 8, 1, 9, 2, 10, 3, 11);
			q *= __builtin_shufflevector(h0, h1, 4, 12, 5, 13, 6, 14, 7, 15);
#else
			p *= __builtin_shufflevector(h0, h1, 0, 4, 1, 5);
			q *= __builtin_shufflevector(h0, h1, 2, 6, 3, 7);
#endif
			CL_ST(b, p);
			CL_ST(b + CL_W, q);
		} else {
			for (int i = 0; i < n - f; i++) {
				b[i * 2] *= h0[i];
				b[i * 2 + 1] *= h1[i];
			}
		}
	}
}

#undef CL_F
#undef CL_I
#undef CL_
#undef CL_LOG2
#undef CL_EXP2
#undef CL_GT
#undef CL_NEG
#undef CL_ZERO
#undef CL_OVER_KNEE
#undef CL_K
#undef CL_K8_db_per_log2
#undef CL_K8_to_log2
#undef CL_K8_one
#undef CL_SELECT
#undef CL_MAX
#undef CL_LD
#undef CL_ST
