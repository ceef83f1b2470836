;; puzzle.scm -- a packing puzzle solved by backtracking on a vector
;; board: counts the ways to tile a 6x6 square with pieces of three
;; kinds (the 1x2 domino in both orientations and the 2x2 square),
;; always filling the first empty cell.  Out: the number of tilings.
(import (scheme base) (harness))

(define width 6)
(define height 6)

;; A piece is a list of (dx . dy) cell offsets from its first cell in
;; reading order.
(define pieces
  '(((0 . 0) (1 . 0))
    ((0 . 0) (0 . 1))
    ((0 . 0) (1 . 0) (0 . 1) (1 . 1))))

(define (cell x y) (+ x (* y width)))

(define (fits? board x y piece)
  (let loop ((p piece))
    (or (null? p)
        (let ((px (+ x (car (car p)))) (py (+ y (cdr (car p)))))
          (and (< px width) (< py height)
               (not (vector-ref board (cell px py)))
               (loop (cdr p)))))))

(define (mark! board x y piece v)
  (for-each (lambda (d) (vector-set! board (cell (+ x (car d)) (+ y (cdr d))) v)) piece))

(define (first-empty board i)
  (cond ((= i (vector-length board)) #f)
        ((vector-ref board i) (first-empty board (+ i 1)))
        (else i)))

(define (count-tilings board start)
  (let ((i (first-empty board start)))
    (if (not i)
        1
        (let ((x (remainder i width)) (y (quotient i width)))
          (let loop ((ps pieces) (n 0))
            (if (null? ps)
                n
                (let ((p (car ps)))
                  (if (fits? board x y p)
                      (begin
                        (mark! board x y p #t)
                        (let ((k (count-tilings board i)))
                          (mark! board x y p #f)
                          (loop (cdr ps) (+ n k))))
                      (loop (cdr ps) n)))))))))

(define (run n)
  (count-tilings (make-vector (* width height) #f) (hide n)))

(run-benchmark "puzzle" 5 (lambda () (run 0)) 205879)
