"""Field labelling of one entry by a trained sequence model (a linear-chain CRF).

``tokens`` cuts an entry's light markdown into tokens that keep their markup, ``features``
describes each token, ``model`` decodes the labels and turns them into a mention's fields,
``align`` projects known field values onto tokens (how training labels are made).
"""
