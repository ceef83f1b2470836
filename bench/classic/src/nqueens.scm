;; nqueens.scm -- counts the solutions of the 8 queens problem with the
;; classic list-based search (the remaining rows as a list, placed ones
;; checked for diagonal attacks).  Out: 92.
(import (scheme base) (harness))

(define (iota1 n)
  (let loop ((i n) (l '()))
    (if (= i 0) l (loop (- i 1) (cons i l)))))

(define (queens board-size)
  (define (attacks? q placed)
    (let loop ((placed placed) (d 1))
      (and (pair? placed)
           (or (= (car placed) (+ q d))
               (= (car placed) (- q d))
               (loop (cdr placed) (+ d 1))))))
  (define (try remaining skipped placed)
    (cond ((null? remaining) (if (null? skipped) 1 0))
          (else
           (+ (if (attacks? (car remaining) placed)
                  0
                  (try (append (cdr remaining) skipped) '() (cons (car remaining) placed)))
              (try (cdr remaining) (cons (car remaining) skipped) placed)))))
  (try (iota1 board-size) '() '()))

(run-benchmark "nqueens" 100 (lambda () (queens (hide 8))) 92)
