"""The development comparison behind the trainers' defaults: variants of `CFEnsembleTrainer`, of
`CFEnsemblePyTorchTrainer` (`torch:NAME`; those listed after 'joint defaults' spell out that earlier setting) and the
peers on the real-data benchmark's ten datasets and four settings, on two development seeds (100, 101) that the reported
benchmark (seeds 0-4, `nbs/benchmarks/realdata.ipynb`) never uses.

Usage:  python tools/choose_defaults.py run OUT.json [SETTING ...]   # about 30 minutes on two cores (all settings)
        python tools/choose_defaults.py run OUT.json --only VARIANT ...  # just these variants (no peers; torch:NAME)
        python tools/choose_defaults.py merge BASE.json NEW.json     # NEW's records replace BASE's (same task, method)
        python tools/choose_defaults.py summary RECORDS.json ...     # the Markdown table the trainer notebook quotes
        python tools/choose_defaults.py sweeps [SETTING ...] [--max-iter N]  # sweeps of default fits, how many stopped
"""
import json, sys

PREVIOUS = dict(space='logit', use_class_weights=True, aggregator_type='weighted', aggregator_l2=1e-3)
VARIANTS = {                                            # name: settings of CFEnsembleTrainer
    'previous defaults': PREVIOUS,
    'previous + probability space': {**PREVIOUS, 'space': 'probability'},
    'previous + no class weights': {**PREVIOUS, 'use_class_weights': False},
    'previous + aggregator L2 0.1': {**PREVIOUS, 'aggregator_l2': 0.1},
    'previous + biases': {**PREVIOUS, 'biases': True},
    'previous + keep_observed': {**PREVIOUS, 'keep_observed': True},
    'previous + rho=1': {**PREVIOUS, 'rho': 1.0},
    "biases=False, aggregator_type='weighted'": dict(biases=False, aggregator_type='weighted'),
    "biases=False, aggregator_type='spectral'": dict(biases=False, aggregator_type='spectral'),
    "biases=False, aggregator_type='cv'": dict(biases=False, aggregator_type='cv'),
    "biases=False, aggregator_type='cv', five L2 values": dict(biases=False, aggregator_type='cv',
                                                              aggregator_l2_grid=(10., 1., .1, .01, .001)),
    "biases=False, aggregator_type='cv', logit space": dict(biases=False, aggregator_type='cv', space='logit'),
    'biases=False': dict(biases=False),
    'biases=False, rho=1': dict(biases=False, rho=1.0),
    'keep_observed=False, cv_max_iter=20': dict(keep_observed=False, cv_max_iter=20),
    'keep_observed=False, cv_max_iter=10': dict(keep_observed=False, cv_max_iter=10),
    'keep_observed=False': dict(keep_observed=False),       # the defaults before keep_observed='auto' (5 sweeps)
    'keep_observed=True': dict(keep_observed=True),
    'defaults': {},
    "aggregator_type='gated'": dict(aggregator_type='gated'),
    "factor_selection='labels'": dict(factor_selection='labels'),  # the defaults before 'auto' (cells where R has gaps)
    'cv_max_iter=20': dict(cv_max_iter=20),
    'lambda_grid=(1, 0.1)': dict(lambda_grid=(1.0, 0.1)),
    'max_iter=3000': dict(max_iter=3000),
    'rho=1': dict(rho=1.0),                                  # two-stage: no label distillation
}
JOINT = dict(rho=0.5, space='logit', biases=False, keep_observed=False, aggregator_l2=0.1, init='random', lr=0.2,
             lr_grid=(0.05, 0.2, 0.5))
TORCH_VARIANTS = {                                      # name: settings of CFEnsemblePyTorchTrainer
    'defaults': {},                                                         # two-stage from the exact ALS start
    'defaults, refit_aggregator=False': dict(refit_aggregator=False),      # the head by Adam on the fixed factors
    'defaults, validation_fraction=0': dict(validation_fraction=0.0),
    "defaults, init='random'": dict(init='random'),                        # Adam from small random factors
    'defaults, rho=0.5': dict(rho=0.5),                                     # joint fine-tuning from the ALS start
    'defaults, rho=0.5, refit_aggregator=True': dict(rho=0.5, refit_aggregator=True),
    "defaults, aggregator_type='gated'": dict(aggregator_type='gated'),
    "defaults, aggregator_type='gated', lr=0.02": dict(aggregator_type='gated', lr=0.02),
    "defaults, aggregator_type='gated', gate_penalty=0.1": dict(aggregator_type='gated', gate_penalty=0.1),
    "defaults, aggregator_type='gated', gate_penalty=0.01": dict(aggregator_type='gated', gate_penalty=0.01),
    "defaults, aggregator_type='gated', space='logit'": dict(aggregator_type='gated', space='logit'),
    "defaults, aggregator_type='gated', gate_penalty_grid=(10, 1, 0.1, 0.01, 0.001)": dict(
        aggregator_type='gated', gate_penalty_grid=(10.0, 1.0, 0.1, 0.01, 0.001)),
    "defaults, aggregator_type='mlp', lr=0.2": dict(aggregator_type='mlp', lr=0.2),
    "defaults, aggregator_type='mlp', lr=0.02": dict(aggregator_type='mlp', lr=0.02),
    "defaults, aggregator_type='attention'": dict(aggregator_type='attention'),
    "defaults, aggregator_type='attention', lr=0.02": dict(aggregator_type='attention', lr=0.02),
    'defaults, refit_aggregator=False, lr=0.02': dict(refit_aggregator=False, lr=0.02),
    # the joint defaults before the two-stage ones (ρ = 0.5, logit space, ...) and variants of them:
    'joint defaults': JOINT,
    'fixed rank m/2, lambda 0.1': {**JOINT, 'latent_dim': None, 'lambda_reg': 0.1, 'use_class_weights': True},
    'use_class_weights=True': {**JOINT, 'use_class_weights': True},        # the default before False
    'refit_aggregator=False': {**JOINT, 'refit_aggregator': False},        # the default before 'auto'
    'refit_aggregator=True': {**JOINT, 'refit_aggregator': True},
    'biases=True': {**JOINT, 'biases': True},
    "lr='auto'": {**JOINT, 'lr': 'auto'},
    'biases=True, refit_aggregator=True': {**JOINT, 'biases': True, 'refit_aggregator': True},
    'keep_observed=True': {**JOINT, 'keep_observed': True},
    "keep_observed=True, factor_selection='labels'": {**JOINT, 'keep_observed': True, 'factor_selection': 'labels'},
    "keep_observed=False, factor_selection='cells'": {**JOINT, 'keep_observed': False, 'factor_selection': 'cells'},
    'keep_observed=True, refit_aggregator=True': {**JOINT, 'keep_observed': True, 'refit_aggregator': True},
    "keep_observed=True, space='probability', biases=True": {**JOINT, 'keep_observed': True, 'space': 'probability',
                                                             'biases': True},
    "keep_observed=True, space='probability', biases=True, refit_aggregator=True": {
        **JOINT, 'keep_observed': True, 'space': 'probability', 'biases': True, 'refit_aggregator': True},
    'keep_observed=True, biases=True': {**JOINT, 'keep_observed': True, 'biases': True},
    "aggregator_type='gated', gate_penalty=0.03": {**JOINT, 'aggregator_type': 'gated', 'gate_penalty': 0.03},
    "aggregator_type='gated', gate_penalty=0.1": {**JOINT, 'aggregator_type': 'gated', 'gate_penalty': 0.1},
    "space='probability'": {**JOINT, 'space': 'probability'},             # the ALS trainer's space
    "space='probability', biases=True": {**JOINT, 'space': 'probability', 'biases': True},
    # towards the two-stage defaults: ρ, then the ALS trainer's space, biases and observed cells, the exact head
    "rho=1, keep_observed=True, space='probability', biases=True, refit_aggregator=True": {
        **JOINT, 'rho': 1.0, 'keep_observed': True, 'space': 'probability', 'biases': True, 'refit_aggregator': True},
    "rho=0.9, keep_observed=True, space='probability', biases=True, refit_aggregator=True": {
        **JOINT, 'rho': 0.9, 'keep_observed': True, 'space': 'probability', 'biases': True, 'refit_aggregator': True},
    "rho=1, keep_observed='auto', space='probability', biases=True, refit_aggregator=True": {
        **JOINT, 'rho': 1.0, 'keep_observed': 'auto', 'space': 'probability', 'biases': True, 'refit_aggregator': True},
    "rho=0.99, keep_observed='auto', space='probability', biases=True, refit_aggregator=True": {
        **JOINT, 'rho': 0.99, 'keep_observed': 'auto', 'space': 'probability', 'biases': True,
        'refit_aggregator': True},
    ("rho=0.99, keep_observed='auto', space='probability', biases=True, refit_aggregator=True, "
     "validation_fraction=0"): {
        **JOINT, 'rho': 0.99, 'keep_observed': 'auto', 'space': 'probability', 'biases': True, 'refit_aggregator': True,
        'validation_fraction': 0.0},
    "two-stage: rho=1, keep_observed='auto', space='probability', biases=True, refit, aggregator_l2='auto'": dict(
        rho=1.0, keep_observed='auto', space='probability', biases=True, refit_aggregator=True, aggregator_l2='auto',
        init='random', lr=0.2),
    "two-stage, aggregator_l2='auto', validation_fraction=0": dict(
        rho=1.0, keep_observed='auto', space='probability', biases=True, refit_aggregator=True, aggregator_l2='auto',
        validation_fraction=0.0, init='random', lr=0.2),
}
SEEDS = (100, 101)
KEEP = ('dataset', 'setting', 'seed', 'method', 'pr_auc', 'roc_auc', 'brier', 'seconds', 'error')

def run(out:str, settings=None, only=None):
    from cfensemble_nb.benchmark import run_benchmark, METHODS, CFMethod
    methods = {k: v for k, v in METHODS.items() if not k.startswith('CF-Ensemble') and only is None}
    methods.update({f'CF: {k}': CFMethod('als', **v) for k, v in VARIANTS.items() if only is None or k in only})
    methods.update({f'PyTorch: {k}': CFMethod('torch', **v) for k, v in TORCH_VARIANTS.items()
                    if only is None or f'torch:{k}' in only})
    recs = run_benchmark(settings=settings or None, seeds=SEEDS, methods=methods, cache='.cache/bench', workers=2)
    json.dump([{k: r[k] for k in KEEP if k in r} for r in recs], open(out, 'w'))

def summary(*files)->str:
    from cfensemble_nb.benchmark import summarize
    recs = sum((json.load(open(f)) for f in files), [])
    S = summarize(recs, 'pr_auc')
    settings = list(S)
    methods = sorted({m for s in S.values() for m in s}, key=lambda m: (not m.startswith('CF'), m))
    lines = ['| method | ' + ' | '.join(settings) + ' |', '|---|' + '---|' * len(settings)]
    for m in methods:
        cells = [f"{S[s][m]['mean']:.4f}" if m in S[s] else '' for s in settings]
        lines.append(f'| {m} | ' + ' | '.join(cells) + ' |')
    return '\n'.join(lines)

def merge(base:str, new:str):
    "Write BASE with NEW's records in place of BASE's for the same (dataset, setting, seed, method); new ones appended."
    key = lambda r: (r['dataset'], r['setting'], r['seed'], r['method'])
    old, add = json.load(open(base)), json.load(open(new))
    fresh = {key(r): r for r in add}
    out = [fresh.pop(key(r), r) for r in old] + list(fresh.values())
    json.dump(out, open(base, 'w'))

def sweeps(settings=None, max_iter:int=200)->str:
    "Fit the ALS trainer at its defaults (but `max_iter`) on every development task; sweeps run and converged fits."
    import warnings
    import numpy as np
    from cfensemble_nb.benchmark import DATASETS, SETTINGS, make_task
    from cfensemble_nb.trainer import CFEnsembleTrainer
    lines = []
    for s in settings or SETTINGS:
        runs = []
        for seed in SEEDS:
            for name in DATASETS:
                data, _ = make_task(name, s, seed, cache='.cache/bench')
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    t = CFEnsembleTrainer(data.n_classifiers, max_iter=max_iter).fit(data)
                runs.append((t.n_iter_, t.converged_))
        n = np.array([r[0] for r in runs])
        lines.append(f"{s}: median {np.median(n):g} sweeps, at most {n.max()}; {sum(not c for _, c in runs)} of "
                     f"{len(runs)} fits stopped at max_iter={max_iter}")
    return '\n'.join(lines)

if __name__ == '__main__':                               # spawned benchmark workers re-import this file
    if sys.argv[1:2] == ['run']:
        args = sys.argv[3:]
        only = args[args.index('--only') + 1:] if '--only' in args else None
        if only is not None:
            args = args[:args.index('--only')]
            known = list(VARIANTS) + [f'torch:{k}' for k in TORCH_VARIANTS]
            unknown = [v for v in only if v not in known]
            if unknown: sys.exit(f"choose_defaults: unknown variant(s) {unknown}; known: {known}")
        run(sys.argv[2], args, only)
    elif sys.argv[1:2] == ['merge']: merge(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ['summary']: print(summary(*sys.argv[2:]))
    elif sys.argv[1:2] == ['sweeps']:
        args = sys.argv[2:]
        cap = int(args[args.index('--max-iter') + 1]) if '--max-iter' in args else 200
        print(sweeps([a for a in args if a in ('complete', 'missing', 'structured', 'few_labels')] or None, cap))
    else: print(__doc__)
