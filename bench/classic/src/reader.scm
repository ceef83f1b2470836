;; reader.scm -- write and read: a nested datum of lists, vectors,
;; strings, symbols, characters and numbers (exact, rational, flonum)
;; written to a string port and read back with read, many times; every
;; read must be equal? to what was written.  Out: the number of atoms
;; (not the text's length: systems write flonums differently).
(import (scheme base) (scheme read) (scheme write) (harness))

(define (make-datum depth seed)
  (if (= depth 0)
      (case (remainder seed 7)
        ((0) (* seed 1000003))
        ((1) (/ seed 7))
        ((2) (/ seed 8.))
        ((3) (string->symbol (string-append "sym" (number->string seed))))
        ((4) (string #\a #\" (integer->char (+ 65 (remainder seed 26))) #\\))
        ((5) (integer->char (+ 97 (remainder seed 26))))
        (else (list 'quote (remainder seed 3))))
      (let ((n (+ 2 (remainder seed 4))))
        (let loop ((i 0) (acc '()))
          (if (= i n)
              (if (= 0 (remainder seed 3)) (list->vector acc) acc)
              (loop (+ i 1) (cons (make-datum (- depth 1) (remainder (+ (* seed 37) i 11) 9973)) acc)))))))

(define (round-trip datum)
  (let ((out (open-output-string)))
    (write datum out)
    (let* ((text (get-output-string out))
           (back (read (open-input-string text))))
      (if (not (equal? back datum)) (error "reader: read gave back a different datum" back))
      (count-atoms back))))

(define (count-atoms x)
  (cond ((pair? x) (+ (count-atoms (car x)) (count-atoms (cdr x))))
        ((vector? x) (count-atoms (vector->list x)))
        ((null? x) 0)
        (else 1)))

(define the-datum (make-datum 6 5))
(run-benchmark "reader" 20 (lambda () (round-trip (hide the-datum))) 1456)
