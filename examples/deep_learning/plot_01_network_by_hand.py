"""
A neural network by hand in NumPy
=================================

What does a :term:`neural network` actually compute, and how does it learn? We write
one from scratch with nothing but NumPy: a single artificial neuron, the common
:term:`activation function`\\ s, a small network with one hidden layer, its
:term:`loss function`, :term:`backpropagation` written out line by line (and checked
against numerical derivatives) and :term:`gradient descent`. The task comes from the
MNI152 template that ships with nilearn: tell grey matter from everything else
(white matter and cerebrospinal fluid) using two features of each :term:`voxel`.
Grey matter sits *between* the other two tissues in T1 intensity, so no straight line
separates the classes, and we can watch the network learn a curved boundary that a
logistic regression :term:`baseline` cannot draw. No deep-learning library is needed,
so this example runs in the browser.
"""

# %%
# An artificial neuron
# --------------------
# A neuron (or *unit*) takes a vector of inputs :math:`x`, computes a weighted sum
# :math:`z = w \cdot x + b` (weights :math:`w`, bias :math:`b`) and passes it through
# an activation function, here the sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})`, which
# squashes any number into (0, 1). With a sigmoid the output can be read as a
# probability, and a single neuron is exactly a logistic regression: the set of
# inputs where it outputs 0.5 is the line :math:`w \cdot x + b = 0`.
import matplotlib.pyplot as plt
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def neuron(x, w, b):
    """One unit: weighted sum of the inputs, then the activation."""
    return sigmoid(x @ w + b)


w = np.array([2.0, -1.0])
b = 0.5
x = np.array([0.3, 1.2])
print(f"z = w . x + b = {x @ w + b:.2f}  ->  output sigmoid(z) = {neuron(x, w, b):.3f}")

# %%
# Evaluated over a grid of inputs, the neuron's output is a smooth ramp across one
# straight line. However the weights are chosen, one neuron can only cut the input
# plane in two with a line.
grid_1d = np.linspace(-3, 3, 121)
g1, g2 = np.meshgrid(grid_1d, grid_1d)
plane = np.column_stack([g1.ravel(), g2.ravel()])

fig, ax = plt.subplots(figsize=(4.8, 4), layout="constrained")
image = ax.contourf(g1, g2, neuron(plane, w, b).reshape(g1.shape), levels=20, cmap="RdBu_r")
ax.contour(g1, g2, neuron(plane, w, b).reshape(g1.shape), levels=[0.5], colors="k")
fig.colorbar(image, ax=ax, label="neuron output")
ax.set(xlabel="input $x_1$", ylabel="input $x_2$",
       title="One sigmoid neuron: output 0.5 on a straight line")
plt.show()

# %%
# Activation functions and their derivatives
# ------------------------------------------
# Training needs the *derivative* of every activation, because gradients flow back
# through it. Three common choices:
#
# * sigmoid, :math:`\sigma'(z) = \sigma(z)(1 - \sigma(z))`: at most 0.25, and close to
#   zero for large :math:`|z|`, so gradients shrink each time they pass through one
#   (the "vanishing gradient" of deep sigmoid networks);
# * tanh, :math:`\tanh'(z) = 1 - \tanh^2(z)`: zero-centred output, derivative up to 1,
#   but it also saturates;
# * ReLU, :math:`\max(0, z)`, derivative 0 or 1: cheap, does not saturate for positive
#   inputs, the default in hidden layers of modern networks (a unit whose input stays
#   negative gets no gradient at all and can "die").
z = np.linspace(-5, 5, 401)
activations = {
    "sigmoid": (sigmoid(z), sigmoid(z) * (1 - sigmoid(z))),
    "tanh": (np.tanh(z), 1 - np.tanh(z) ** 2),
    "ReLU": (np.maximum(0, z), (z > 0).astype(float)),
}
fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), layout="constrained", sharex=True)
for ax, (name, (value, derivative)) in zip(axes, activations.items()):
    ax.plot(z, value, label="function")
    ax.plot(z, derivative, "--", label="derivative")
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    ax.set(title=name, xlabel="weighted input $z$")
axes[0].set_ylabel("output")
axes[0].legend()
fig.suptitle("Activation functions (solid) and their derivatives (dashed)")
plt.show()

# %%
# The data: grey matter or not, from two voxel features
# -----------------------------------------------------
# We use the MNI152 T1 template and its tissue probability maps. A voxel is labelled
# grey matter (GM) or white matter (WM) where that map exceeds 0.5; inside the brain
# mask, what the two maps leave (:math:`1 - p_{GM} - p_{WM}`) is mostly
# cerebrospinal fluid (CSF), and we label a voxel CSF where that exceeds 0.5. The two
# features are the voxel's T1 intensity and the standard deviation of the intensities
# in its 3 × 3 × 3 neighbourhood (high near tissue borders), as in
# :ref:`the first classifier <sphx_glr_classic_ml_plot_01_first_classifier.py>`.
from nilearn import datasets
from scipy import ndimage

t1_img = datasets.load_mni152_template(resolution=2)
t1 = t1_img.get_fdata()
gm_prob = datasets.load_mni152_gm_template(resolution=2).get_fdata()
wm_prob = datasets.load_mni152_wm_template(resolution=2).get_fdata()
brain = datasets.load_mni152_brain_mask(resolution=2).get_fdata() > 0
csf_prob = np.clip(1 - gm_prob - wm_prob, 0, 1) * brain

local_mean = ndimage.uniform_filter(t1, size=3)
local_std = np.sqrt(np.clip(ndimage.uniform_filter(t1**2, size=3) - local_mean**2, 0, None))
tissue = np.full(t1.shape, -1)  # -1: unlabelled (mixed voxels, outside the brain)
for code, prob in enumerate([gm_prob, wm_prob, csf_prob]):
    tissue[brain & (prob > 0.5)] = code
tissue_names = ["grey matter", "white matter", "CSF"]
print({name: int((tissue == code).sum()) for code, name in enumerate(tissue_names)}, "voxels")

# %%
# Neighbouring voxels are near copies of each other, so, as in the first classifier,
# training and test voxels come from alternating 20 mm coronal slabs (without the
# one-voxel rim of each slab). The task is binary: grey matter (label 1) against
# the rest (label 0). From each set we draw 600 grey-matter voxels and 300 each of
# white matter and CSF, so that the two classes are balanced and CSF, the rarest
# tissue, is as visible as white matter.
voxel_i, voxel_j, voxel_k = np.nonzero(tissue >= 0)
y_mm = t1_img.affine[1, 1] * voxel_j + t1_img.affine[1, 3]
slab, position_in_slab = np.divmod(y_mm - y_mm.min(), 20)
away_from_rim = (position_in_slab >= 2) & (position_in_slab < 18)
features = np.column_stack([t1[voxel_i, voxel_j, voxel_k], local_std[voxel_i, voxel_j, voxel_k]])
voxel_tissue = tissue[voxel_i, voxel_j, voxel_k]

rng = np.random.default_rng(0)


def draw(in_set, counts=(600, 300, 300)):
    """Random voxel indices within a set of slabs: counts for GM, WM and CSF."""
    return np.concatenate([rng.choice(np.flatnonzero(in_set & (voxel_tissue == code)),
                                      size=count, replace=False) for code, count in enumerate(counts)])


train_idx = draw(away_from_rim & (slab % 2 == 0))
test_idx = draw(away_from_rim & (slab % 2 == 1))
# Standardise with the training mean and standard deviation (test data unseen).
mean, std = features[train_idx].mean(axis=0), features[train_idx].std(axis=0)
X_train = (features[train_idx] - mean) / std
X_test = (features[test_idx] - mean) / std
y_train = (voxel_tissue[train_idx] == 0).astype(float)[:, None]  # column vector (n, 1)
y_test = (voxel_tissue[test_idx] == 0).astype(float)[:, None]
print(f"X_train {X_train.shape}, y_train {y_train.shape}, X_test {X_test.shape}; "
      f"grey-matter fraction {y_train.mean():.2f}")

# %%
# In this plane grey matter forms a band between CSF (dark, on the left) and white
# matter (bright, on the right). Any straight line leaves one of the two other
# tissues on the grey-matter side.
colors = ["tab:purple", "tab:olive", "tab:cyan"]
feature_labels = ["T1 intensity (standardised)", "neighbourhood std (standardised)"]
fig, ax = plt.subplots(figsize=(5.5, 4.2), layout="constrained")
for code, (name, color) in enumerate(zip(tissue_names, colors)):
    points = X_train[voxel_tissue[train_idx] == code]
    ax.scatter(points[:, 0], points[:, 1], s=6, alpha=0.6, color=color, label=name)
ax.set(xlabel=feature_labels[0], ylabel=feature_labels[1],
       title="Training voxels: grey matter lies between the others")
ax.legend(markerscale=3)
plt.show()

# %%
# A small network: 2 inputs, 8 hidden units, 1 output
# ---------------------------------------------------
# A *multi-layer perceptron* (MLP) stacks neurons in layers. Our hidden layer has 8
# tanh units, each one drawing its own line in the input plane; the output unit is a
# sigmoid neuron that combines the 8 hidden outputs into a probability of grey
# matter. The whole training set goes through at once as a matrix, one row per
# voxel:
#
# * hidden layer: :math:`Z_1 = X W_1 + b_1`, :math:`A_1 = \tanh(Z_1)`
#   (``X`` is ``(n, 2)``, ``W1`` is ``(2, 8)``, ``A1`` is ``(n, 8)``);
# * output layer: :math:`z_2 = A_1 W_2 + b_2`, :math:`p = \sigma(z_2)`
#   (``W2`` is ``(8, 1)``, ``p`` is ``(n, 1)``).
#
# Weights start as small random numbers (all-equal weights would make all hidden
# units compute the same thing forever), biases at zero.
n_hidden = 8


def init_params(seed=0):
    init_rng = np.random.default_rng(seed)
    return {
        "W1": init_rng.normal(0, 1, size=(2, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W2": init_rng.normal(0, 1 / np.sqrt(n_hidden), size=(n_hidden, 1)),
        "b2": np.zeros(1),
    }


def forward(params, X):
    """Forward pass; also returns the intermediate values backpropagation needs."""
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.tanh(Z1)
    z2 = A1 @ params["W2"] + params["b2"]
    p = sigmoid(z2)
    return p, {"X": X, "A1": A1, "p": p}


params = init_params()
p, cache = forward(params, X_train)
for name, value in {**params, "A1 (hidden activations)": cache["A1"], "p (output)": p}.items():
    print(f"{name:>24}: shape {value.shape}")
n_params = sum(value.size for value in params.values())
print(f"{n_params} parameters in total")

# %%
# The loss: binary cross-entropy
# ------------------------------
# Training needs one number that says how wrong the predictions are. For a
# probability :math:`p_i` and a label :math:`y_i \in \{0, 1\}`, the binary
# cross-entropy is
#
# .. math:: L = -\frac{1}{n} \sum_i \left[ y_i \log p_i + (1 - y_i) \log (1 - p_i) \right]
#
# It is the negative log-likelihood of the labels: a confident wrong prediction
# costs a lot, and guessing 0.5 everywhere costs :math:`\log 2 \approx 0.693`. An
# untrained network should be near that.
def bce_loss(p, y, eps=1e-12):
    p = np.clip(p, eps, 1 - eps)  # avoid log(0)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


print(f"loss of the untrained network: {bce_loss(p, y_train):.3f} (log 2 = {np.log(2):.3f})")
# sphinx_gallery_start_ignore
# claim: "An untrained network should be near that" (near: within 0.05 of log 2)
assert abs(bce_loss(p, y_train) - np.log(2)) < 0.05, bce_loss(p, y_train)
# sphinx_gallery_end_ignore

# %%
# Backpropagation, step by step
# -----------------------------
# To improve, each weight must move in the direction that lowers the loss, which
# needs :math:`\partial L / \partial W` for every weight. Backpropagation applies the
# chain rule from the loss back to the input, reusing what the forward pass computed.
# Each gradient has the same shape as the quantity it belongs to:
#
# 1. Output: for a sigmoid followed by cross-entropy the derivative simplifies to
#    :math:`\partial L / \partial z_2 = (p - y) / n`, shape ``(n, 1)``.
# 2. Output weights: :math:`z_2 = A_1 W_2 + b_2`, so
#    :math:`\partial L / \partial W_2 = A_1^T \, \partial L / \partial z_2`, shape
#    ``(8, 1)``; :math:`\partial L / \partial b_2` sums over voxels, shape ``(1,)``.
# 3. Back into the hidden layer:
#    :math:`\partial L / \partial A_1 = \partial L / \partial z_2 \, W_2^T`, shape
#    ``(n, 8)``.
# 4. Through the tanh: multiply element-wise by its derivative,
#    :math:`\partial L / \partial Z_1 = \partial L / \partial A_1 \odot (1 - A_1^2)`,
#    shape ``(n, 8)``.
# 5. Hidden weights: :math:`\partial L / \partial W_1 = X^T \, \partial L / \partial Z_1`,
#    shape ``(2, 8)``; :math:`\partial L / \partial b_1` sums over voxels, ``(8,)``.
def backward(params, cache, y):
    n = y.shape[0]
    dz2 = (cache["p"] - y) / n                   # (n, 1)
    dW2 = cache["A1"].T @ dz2                    # (8, n) @ (n, 1) -> (8, 1)
    db2 = dz2.sum(axis=0)                        # (1,)
    dA1 = dz2 @ params["W2"].T                   # (n, 1) @ (1, 8) -> (n, 8)
    dZ1 = dA1 * (1 - cache["A1"] ** 2)           # (n, 8), tanh'(Z1) = 1 - tanh(Z1)^2
    dW1 = cache["X"].T @ dZ1                     # (2, n) @ (n, 8) -> (2, 8)
    db1 = dZ1.sum(axis=0)                        # (8,)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


grads = backward(params, cache, y_train)
for name, grad in grads.items():
    print(f"dL/d{name}: shape {grad.shape} (same as {name}: {params[name].shape})")

# %%
# Checking the gradients numerically
# ----------------------------------
# A sign or transpose error in ``backward`` would not crash: training would just go
# wrong. So we check it. For any weight :math:`\theta`, the derivative is
# approximately :math:`(L(\theta + h) - L(\theta - h)) / 2h` for a small :math:`h`
# (a central finite difference). It needs two forward passes per weight, too slow
# for real networks but fine for our 33 parameters. The relative error between the
# two should be tiny (around 1e-7 or less); a wrong formula gives errors near 1.
def numerical_gradients(params, X, y, h=1e-5):
    numerical = {}
    for name, value in params.items():
        numerical[name] = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + h
            loss_plus = bce_loss(forward(params, X)[0], y)
            value[index] = original - h
            loss_minus = bce_loss(forward(params, X)[0], y)
            value[index] = original
            numerical[name][index] = (loss_plus - loss_minus) / (2 * h)
    return numerical


numerical = numerical_gradients(params, X_train, y_train)
for name in params:
    difference = np.linalg.norm(grads[name] - numerical[name])
    relative_error = difference / (np.linalg.norm(grads[name]) + np.linalg.norm(numerical[name]))
    print(f"{name}: relative error between backpropagation and finite differences {relative_error:.1e}")
    # sphinx_gallery_start_ignore
    # claim: "The relative error between the two should be tiny (around 1e-7 or less)"
    assert relative_error < 1e-7, (name, relative_error)
    # sphinx_gallery_end_ignore

# %%
# .. admonition:: Exercise: which gradients does a planted mistake spoil?
#    :class: exercise
#
#    A colleague's ``backward`` is identical to ours except for step 4, which reads
#    ``dZ1 = dA1 * (1 - cache["A1"])``: the square of the tanh derivative is missing.
#    Predict which of the four gradients (``W1``, ``b1``, ``W2``, ``b2``) the
#    finite-difference check will flag. Then write ``backward_with_mistake``, compare
#    its gradients with ``numerical`` (computed above) and store the four relative
#    errors in a dict ``relative_errors_mistake``, keyed by parameter name.

# exercise: solution
# starter: relative_errors_mistake = ...  # your code here: {"W1": ..., "b1": ..., "W2": ..., "b2": ...}
def backward_with_mistake(params, cache, y):
    n = y.shape[0]
    dz2 = (cache["p"] - y) / n
    dW2 = cache["A1"].T @ dz2
    db2 = dz2.sum(axis=0)
    dA1 = dz2 @ params["W2"].T
    dZ1 = dA1 * (1 - cache["A1"])  # the planted mistake: should be 1 - A1 ** 2
    dW1 = cache["X"].T @ dZ1
    db1 = dZ1.sum(axis=0)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


grads_mistake = backward_with_mistake(params, cache, y_train)
relative_errors_mistake = {}
for name in params:
    difference_mistake = np.linalg.norm(grads_mistake[name] - numerical[name])
    relative_errors_mistake[name] = float(
        difference_mistake / (np.linalg.norm(grads_mistake[name]) + np.linalg.norm(numerical[name])))
    print(f"{name}: relative error {relative_errors_mistake[name]:.1e}")

# %%

# exercise: check
if not isinstance(relative_errors_mistake, dict) or set(relative_errors_mistake) != set(params):
    print("Not yet: store a dict with one relative error per parameter, keys 'W1', 'b1', 'W2' and 'b2'.")
elif not all(isinstance(value, (float, np.floating)) and value >= 0 for value in relative_errors_mistake.values()):
    print("Not yet: each relative error is a non-negative number (a norm of a difference over a sum of norms).")
elif max(relative_errors_mistake[name] for name in ("W1", "b1")) < 1e-4:
    print("Not yet: the hidden-layer gradients still agree with finite differences; "
          "did your copy of backward really contain the mistaken line?")
elif max(relative_errors_mistake[name] for name in ("W2", "b2")) > 1e-6:
    print("Not yet: the output-layer gradients should be untouched; compare against numerical, not grads.")
else:
    print(f"Correct: W1 and b1 are off (relative errors {relative_errors_mistake['W1']:.1e} and "
          f"{relative_errors_mistake['b1']:.1e}), W2 and b2 pass. The mistake sits in step 4, and the "
          "output-layer gradients are computed before it, so only the layer below inherits it.")

# %%
# Gradient descent and the learning rate
# --------------------------------------
# Gradient descent repeats: forward pass, loss, backward pass, then a step of every
# weight against its gradient, :math:`\theta \leftarrow \theta - \eta \, \partial L /
# \partial \theta`. The step size :math:`\eta` is the :term:`learning rate`. Each step
# here uses the whole training set, so one step is one :term:`epoch`. We train three
# copies of the network from the same starting weights with three learning rates.
def train(learning_rate, n_epochs=1500, seed=0):
    params = init_params(seed)
    losses = []
    for _ in range(n_epochs):
        p, cache = forward(params, X_train)
        losses.append(bce_loss(p, y_train))
        grads = backward(params, cache, y_train)
        for name in params:
            params[name] -= learning_rate * grads[name]
    return params, np.array(losses)


learning_rates = {"too small (0.01)": 0.01, "good (1)": 1.0, "too large (30)": 30.0}
runs = {label: train(rate) for label, rate in learning_rates.items()}
for label, (_, losses) in runs.items():
    print(f"learning rate {label:>16}: loss after 10 epochs {losses[9]:.3f}, "
          f"after {losses.size} epochs {losses[-1]:.3f}")
# sphinx_gallery_start_ignore
# claim: "with a good one it falls quickly and settles" (and the other two end higher)
final = {label: losses[-1] for label, (_, losses) in runs.items()}
assert final["good (1)"] < min(final["too small (0.01)"], final["too large (30)"]), final
# claim: "the curve jumps around and ends worse" (the large rate's loss rises at some epoch)
large = runs["too large (30)"][1]
assert np.any(np.diff(large) > 0) and large[-1] > final["good (1)"], large[[9, -1]]
# sphinx_gallery_end_ignore

# %%
# With a tiny learning rate the loss creeps down and training is far from done after
# all epochs; with a good one it falls quickly and settles; with a very large one the
# steps overshoot the valley of the loss: the curve jumps around and ends worse, or
# diverges. (In practice, optimisers such as Adam adapt the step for each weight, but
# the learning rate remains the first setting to tune.)
fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
for label, (_, losses) in runs.items():
    ax.plot(np.arange(1, losses.size + 1), losses, label=f"learning rate {label}")
ax.axhline(np.log(2), color="0.5", ls=":", label="guessing 0.5 (log 2)")
ax.set(xscale="log", yscale="log", xlabel="epoch (log scale)", ylabel="training loss (BCE, log scale)",
       title="Training loss for three learning rates")
ax.legend()
plt.show()

# %%
# What the network learned, against a linear baseline
# ---------------------------------------------------
# We keep the network trained with the good learning rate and compare it on the
# *test* slabs with two baselines trained on the same voxels: a
# :class:`~sklearn.dummy.DummyClassifier` (the majority class) and a
# :class:`~sklearn.linear_model.LogisticRegression`, which is our single sigmoid
# neuron with the best possible weights: the best straight-line boundary.
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score

network = runs["good (1)"][0]
linear = LogisticRegression().fit(X_train, y_train.ravel())
dummy = DummyClassifier(strategy="most_frequent").fit(X_train, y_train.ravel())
predictions = {
    "dummy (majority)": dummy.predict(X_test),
    "logistic regression": linear.predict(X_test),
    "network (8 hidden units)": (forward(network, X_test)[0].ravel() > 0.5).astype(int),
}
for name, predicted in predictions.items():
    print(f"{name:>25}: balanced accuracy {balanced_accuracy_score(y_test.ravel(), predicted):.3f}"
          " on the test slabs")
# sphinx_gallery_start_ignore
test_scores = {name: balanced_accuracy_score(y_test.ravel(), predicted) for name, predicted in predictions.items()}
# claim: "voxels of at least one other tissue end up on the grey-matter side" (the line does worse than the band)
assert test_scores["network (8 hidden units)"] > test_scores["logistic regression"] + 0.1, test_scores
# sphinx_gallery_end_ignore

# %%
# Drawing the probability of grey matter over the feature plane shows why. The
# logistic regression can only place and tilt one line, so wherever it puts it,
# voxels of at least one other tissue end up on the grey-matter side. The network
# combines its hidden units' lines into a band around the grey-matter cloud. In
# this run it relies mostly on intensity (a lower and an upper threshold, bent
# where the clouds come close): it found for itself that "between CSF and white
# matter" is the rule.
x_range = np.linspace(X_train[:, 0].min() - 0.3, X_train[:, 0].max() + 0.3, 150)
y_range = np.linspace(X_train[:, 1].min() - 0.3, X_train[:, 1].max() + 0.3, 150)
f1, f2 = np.meshgrid(x_range, y_range)
plane = np.column_stack([f1.ravel(), f2.ravel()])
surfaces = {
    "logistic regression (linear)": linear.predict_proba(plane)[:, 1],
    "network, 8 tanh hidden units": forward(network, plane)[0].ravel(),
}
fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained", sharey=True)
for ax, (title, surface) in zip(axes, surfaces.items()):
    filled = ax.contourf(f1, f2, surface.reshape(f1.shape), levels=np.linspace(0, 1, 11),
                         cmap="PuOr_r", alpha=0.8)
    ax.contour(f1, f2, surface.reshape(f1.shape), levels=[0.5], colors="k", linewidths=1.5)
    for code, (name, color) in enumerate(zip(tissue_names, colors)):
        points = X_test[voxel_tissue[test_idx] == code]
        ax.scatter(points[:, 0], points[:, 1], s=3, color=color, edgecolor="none", label=name)
    ax.set(xlabel=feature_labels[0], title=title)
axes[0].set_ylabel(feature_labels[1])
axes[0].legend(loc="upper right", markerscale=4, fontsize="small")
fig.colorbar(filled, ax=axes, label="predicted probability of grey matter")
fig.suptitle("Decision boundaries (black line, p = 0.5) with the test voxels")
plt.show()

# %%
# .. admonition:: Exercise: how many hidden units does the band need?
#    :class: exercise
#
#    Predict first: with a single tanh hidden unit instead of 8, can the network
#    still draw a band around grey matter? Train that network with the same loop as
#    ``train`` (learning rate 1, 1500 epochs, weights drawn as in ``init_params``
#    but with one hidden unit) and store its balanced accuracy on the test slabs
#    in ``score_one_unit``.

# exercise: solution
# starter: score_one_unit = ...  # your code here: test balanced accuracy of a network with 1 hidden unit
one_unit_rng = np.random.default_rng(0)
params_one_unit = {
    "W1": one_unit_rng.normal(0, 1, size=(2, 1)),
    "b1": np.zeros(1),
    "W2": one_unit_rng.normal(0, 1, size=(1, 1)),
    "b2": np.zeros(1),
}
for _ in range(1500):
    p_one, cache_one = forward(params_one_unit, X_train)
    grads_one = backward(params_one_unit, cache_one, y_train)
    for name in params_one_unit:
        params_one_unit[name] -= 1.0 * grads_one[name]
predicted_one_unit = (forward(params_one_unit, X_test)[0].ravel() > 0.5).astype(int)
score_one_unit = float(balanced_accuracy_score(y_test.ravel(), predicted_one_unit))
print(f"one hidden unit: balanced accuracy {score_one_unit:.3f} on the test slabs")
# sphinx_gallery_start_ignore
# the check's relation: one unit scores below the 8-unit network
assert score_one_unit < balanced_accuracy_score(y_test.ravel(), predictions["network (8 hidden units)"]) - 0.05
# sphinx_gallery_end_ignore

# %%

# exercise: check
score_eight_units = balanced_accuracy_score(y_test.ravel(), predictions["network (8 hidden units)"])
score_line = balanced_accuracy_score(y_test.ravel(), predictions["logistic regression"])
if not isinstance(score_one_unit, (float, np.floating)):
    print("Not yet: store the balanced accuracy (one float) in score_one_unit.")
elif not 0 <= score_one_unit <= 1:
    print("Not yet: a balanced accuracy lies between 0 and 1; did you threshold the probabilities at 0.5?")
elif score_one_unit >= score_eight_units - 0.05:
    print("Not yet: this scores like the 8-unit network; check that W1 has shape (2, 1) and W2 shape (1, 1).")
else:
    print(f"Correct: {score_one_unit:.3f}, against {score_line:.3f} for the logistic regression and "
          f"{score_eight_units:.3f} with 8 units. The output is a monotonic function of one weighted sum "
          "w . x + b, so its boundary is a straight line: a band needs at least two hidden units.")

# %%
# Back in the brain
# -----------------
# Both models can be applied to every voxel of a slice, including the mixed voxels
# at tissue borders that were never labelled. Compare the network's map with the
# template's own grey-matter map: the cortical ribbon and deep grey nuclei should
# be there. Mixed voxels, for instance at the walls of the ventricles or at the
# outer edge of the brain, have intensities between CSF and tissue, so the network
# calls them grey matter: with only these two features they look like it. The
# linear model's map is almost flat, as its boundary in the feature plane
# predicts.
k = int(np.round((20 - t1_img.affine[2, 3]) / t1_img.affine[2, 2]))  # axial slice, z = 20 mm
in_slice = brain[:, :, k]
slice_features = (np.column_stack([t1[:, :, k][in_slice], local_std[:, :, k][in_slice]]) - mean) / std
maps = {
    "T1 template": t1[:, :, k],
    "grey-matter probability map": np.where(in_slice, gm_prob[:, :, k], np.nan),
}
for title, model_output in [("logistic regression", linear.predict_proba(slice_features)[:, 1]),
                            ("network", forward(network, slice_features)[0].ravel())]:
    section = np.full(in_slice.shape, np.nan)
    section[in_slice] = model_output
    maps[title] = section

fig, axes = plt.subplots(1, 4, figsize=(11, 3.6), layout="constrained")
for ax, (title, section) in zip(axes, maps.items()):
    shown = ax.imshow(section.T, origin="lower", cmap="gray" if title.startswith("T1") else "magma",
                      vmin=0, vmax=1)
    ax.set(title=title, xticks=[], yticks=[])
fig.colorbar(shown, ax=axes[1:], label="probability of grey matter", shrink=0.8)
fig.suptitle("Axial slice at z = 20 mm: reference map and the two models' predictions")
plt.show()

# %%
# Take-home
# ---------
# * A neuron computes a weighted sum and an activation; alone, with a sigmoid, it is
#   a logistic regression and draws a straight boundary.
# * A hidden layer of non-linear units lets a network combine several boundaries
#   into a curved one, which a linear baseline cannot represent.
# * Training is gradient descent on a loss; backpropagation computes all gradients
#   with the chain rule, layer by layer, and a finite-difference check catches
#   mistakes in it.
# * The learning rate decides whether training crawls, converges or blows up: look
#   at the loss curve.
# * A network is worth its cost only where the linear baseline demonstrably fails,
#   as it does here by construction of the task.
#
# Next, :ref:`sphx_glr_deep_learning_plot_02_keras_first_network.py` lets Keras do
# the forward and backward passes for a bigger network, and
# :ref:`sphx_glr_deep_learning_plot_07_training_and_tuning.py` covers optimisers,
# batch sizes and callbacks.

# sphinx_gallery_thumbnail_number = 5
