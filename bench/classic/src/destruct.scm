;; destruct.scm -- destructive list operations: a list of lists
;; rearranged in place with set-car! and set-cdr! (splicing tails of the
;; sublists into each other), many times over.  Out: the checksum of the
;; final structure (each element times its position in its row).
(import (scheme base) (harness))

(define (make-rows n m)
  (let loop ((i 0) (rows '()))
    (if (= i n) rows
        (loop (+ i 1)
              (cons (let fill ((j 0) (row '()))
                      (if (= j m) row (fill (+ j 1) (cons (+ i j) row))))
                    rows)))))

;; One pass: for each row, cut it in the middle and splice the second
;; half of the next row onto its first half, in place; then reverse each
;; row in place.
(define (cut-point l)
  (let loop ((slow l) (fast (cdr l)))
    (if (or (null? fast) (null? (cdr fast))) slow (loop (cdr slow) (cddr fast)))))

(define (reverse-in-place! l)
  (let loop ((l l) (prev '()))
    (if (null? l) prev
        (let ((next (cdr l))) (set-cdr! l prev) (loop next l)))))

(define (pass! rows)
  (let loop ((r rows))
    (if (and (pair? r) (pair? (cdr r)))
        (let* ((a (car r)) (b (cadr r)) (ca (cut-point a)) (cb (cut-point b))
               (tail-a (cdr ca)) (tail-b (cdr cb)))
          (set-cdr! ca tail-b)
          (set-cdr! cb tail-a)
          (loop (cdr r)))))
  (let loop ((r rows))
    (if (pair? r)
        (begin (set-car! r (reverse-in-place! (car r))) (loop (cdr r))))))

(define (weighted l)
  (let loop ((l l) (k 1) (s 0))
    (if (null? l) s (loop (cdr l) (+ k 1) (+ s (* k (car l)))))))

(define (checksum rows)
  (let loop ((r rows) (s 0))
    (if (null? r) s
        (loop (cdr r) (+ s (weighted (car r)))))))

(define (run n)
  (let ((rows (make-rows 100 n)))
    (do ((i 0 (+ i 1))) ((= i 200)) (pass! rows))
    (checksum rows)))

(run-benchmark "destruct" 20 (lambda () (run (hide 60))) 12657500)
