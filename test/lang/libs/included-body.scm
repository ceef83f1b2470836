(define (twice x) (* 2 x))
(define included-name "from include")
