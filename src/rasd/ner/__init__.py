"""Statistical named-entity recognition (PERS, LOC, ORG, MISC): a CRF trained on ANERcorp.

``bio`` turns tag sequences into entities (CoNLL rules), ``corpus`` reads ``token TAG`` files,
``features`` describes a token for the CRF, ``model`` loads and applies a trained model and
``train`` fits one. The pipeline stage is ``rasd.recognize.ner.NerRecognizer``.
"""
