(define part-value (twice 21))
