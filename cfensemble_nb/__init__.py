__version__ = "0.0.1"
# CF-Ensemble: ensemble learning as confidence-weighted collaborative filtering.
# The main public names. The NumPy/ALS path never loads torch: the PyTorch trainer is imported on first use.
from .data import EnsembleData
from .builders import ProbabilityMatrixBuilder, build_probability_matrix, default_pool
from .synthetic import make_ensemble, SyntheticEnsemble
from .confidence import confidence
from .als import update_instance_factors, update_classifier_factors, fold_in, als_factorize, ALSResult
from .aggregators import MeanAggregator, WeightedAggregator, SpectralAggregator, NotFittedError
from .trainer import CFEnsembleTrainer
from .evaluation import baseline_scores, heldout_metrics, compare_methods, plot_comparison
from .estimators import CFEnsembleClassifier, CFEnsembleCombiner
from .persistence import save_model, load_model, ModelFileError

def __getattr__(name):
    if name == 'CFEnsemblePyTorchTrainer':
        from .torch_trainer import CFEnsemblePyTorchTrainer
        return CFEnsemblePyTorchTrainer
    raise AttributeError(f"module 'cfensemble_nb' has no attribute {name!r}")
