(define (triple x) (* 3 x))
(display "loaded")
(newline)
